// Issue 10's audit exports through the real route handlers (GET /api/audit/export.csv and .pdf):
// the CSV of a small known dataset row by row, card numbers masked whatever was stored, who may
// export what, the record of each export, the signed checkpoint and the verifier catching a
// truncated chain and a forged checkpoint (also through `npm run audit:verify`), refused queries
// naming their field (and no garbage ever a 5xx), and the PDF's text in Chinese and English as a
// real extractor (pdf.js) reads it.
import { execFile } from "node:child_process";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { GET as csvRoute } from "@/app/api/audit/export.csv/route";
import { GET as pdfRoute } from "@/app/api/audit/export.pdf/route";
import { signCheckpoint } from "@/lib/audit/checkpoint";
import { AUDIT_PDF_MAX_INCIDENTS } from "@/lib/audit/export/export-pdf";
import { verifyChain, verifyChainAndCheckpoints } from "@/lib/audit/verify-chain";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import { type DemoUser, jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";
import { csvRows } from "@/tests/helpers/csv";
import { completeSteps, logIncident } from "@/tests/helpers/incidents";
import { pdfText } from "@/tests/helpers/pdf-text";

/** A whole card number, made here rather than written out (none is kept in the repository). */
const fullPan = `622848001234567${luhnCheckDigit("622848001234567")}`;

async function get(
  route: typeof csvRoute,
  path: string,
  user: DemoUser | null,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: Uint8Array; text: string; headers: Headers }> {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await route(jsonRequest(path, { cookie, headers }), {});
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    bytes,
    text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes),
    headers: response.headers,
  };
}

/** Runs `npm run audit:verify` against this file's database. */
function runAuditVerify(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "audit:verify"],
      { env: process.env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const HASH = /^[0-9a-f]{64}$/;

let merchantId: string;
let walked: IncidentDto;
let otherStore: IncidentDto;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  // Store 1, in the range: walked through two steps with a note, the card's BIN and last four.
  walked = await logIncident({
    kind: "wrong_amount",
    terminalId: "T1000001",
    amount: "88.80",
    cardBin: "622848",
    cardLast4: "4821",
    rrn: "531000777123",
    occurredAt: "2026-11-10T02:00:00.000Z",
    description: `顾客说多扣了 card ${fullPan}`,
  });
  walked = await completeSteps(walked, ["halt"]);
  const reverified = await completeSteps(walked, ["reverify"]);
  walked = reverified;
  // Store 2, in the range.
  otherStore = await logIncident({
    kind: "unsigned_slip",
    terminalId: "T2000001",
    amount: "12.00",
    occurredAt: "2026-11-12T03:00:00.000Z",
  });
  // Store 1, out of the range.
  await logIncident({ kind: "wrong_card", terminalId: "T1000002", occurredAt: "2026-10-01T03:00:00.000Z" });
  // A row stored before masking existed (as a legacy import might have left it): the export masks it anyway.
  await prisma.incident.update({ where: { id: otherStore.id }, data: { description: `legacy note ${fullPan}` } });
});

describe("GET /api/audit/export.csv", () => {
  test("holds every event of every incident in the range, in the reader's language, then the verification", async () => {
    const { status, bytes, text, headers } = await get(
      csvRoute,
      "/api/audit/export.csv?from=2026-11-01&to=2026-11-30",
      "admin",
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = csvRows(text);
    const blank = rows.findIndex((row) => row.length === 1 && row[0] === "");
    const [header, ...events] = rows.slice(0, blank);
    expect(header).toEqual([
      "Reference",
      "Store",
      "Terminal",
      "Kind",
      "Status",
      "Occurred at",
      "Logged at",
      "Reported by",
      "Amount",
      "Currency",
      "Card (BIN and last 4)",
      "RRN",
      "Description",
      "Resolution",
      "Closed at",
      "Event no.",
      "Event time",
      "Event type",
      "Event",
      "By",
      "Note",
      "Event hash",
    ]);
    const walkedCells = [
      walked.reference,
      "Store 1",
      "T1000001",
      "Wrong amount keyed",
      "In progress",
      "2026-11-10 10:00:00",
      TIME,
      "Ada Admin",
      "88.80",
      "CNY",
      "622848******4821",
      "531000777123",
      maskPans(`顾客说多扣了 card ${fullPan}`),
      "",
      "",
    ];
    const storeTwoCells = [
      otherStore.reference,
      "Store 2",
      "T2000001",
      "Unsigned slip",
      "Open",
      "2026-11-12 11:00:00",
      TIME,
      "Ada Admin",
      "12.00",
      "CNY",
      "",
      "",
      maskPans(`legacy note ${fullPan}`),
      "",
      "",
    ];
    const expected = [
      [...walkedCells, /^\d+$/, TIME, "incident.created", "Incident logged", "Ada Admin", "", HASH],
      [
        ...walkedCells,
        /^\d+$/,
        TIME,
        "notification.sent",
        "Told by the emergency plan: Sam Supervisor",
        "Ada Admin",
        "",
        HASH,
      ],
      [...walkedCells, /^\d+$/, TIME, "step.completed", "Step completed: Halt", "Ada Admin", "", HASH],
      [...walkedCells, /^\d+$/, TIME, "step.completed", "Step completed: Re-verify", "Ada Admin", "", HASH],
      // Store 2 has no supervisor: the emergency plan tells no one, so no notification.sent.
      [...storeTwoCells, /^\d+$/, TIME, "incident.created", "Incident logged", "Ada Admin", "", HASH],
    ];
    expect(events).toHaveLength(expected.length);
    events.forEach((row, index) => {
      expect(row).toHaveLength(expected[index].length);
      row.forEach((cell, column) => {
        const want = expected[index][column];
        if (want instanceof RegExp) expect(cell, `row ${index} column ${header[column]}`).toMatch(want);
        else expect(cell, `row ${index} column ${header[column]}`).toBe(want);
      });
    });
    // Each incident's events in chain order.
    const seqs = events.slice(0, 4).map((row) => Number(row[15]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const summary = Object.fromEntries(
      rows
        .slice(blank + 1)
        .filter((row) => row.length > 0)
        .map((row) => [row[0], row[1]]),
    );
    const head = await prisma.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: { auditSeq: true, auditHash: true },
    });
    expect(summary).toMatchObject({
      "Audit trail check": "passed",
      "First broken link": "—",
      "Signed checkpoint: event number": String(head.auditSeq),
      "Signed checkpoint: hash": head.auditHash,
      "Exported by": "Ada Admin",
      Range: "2026-11-01 – 2026-11-30 · all stores you can see",
    });
    expect(summary["Signed checkpoint: HMAC-SHA256"]).toMatch(HASH);
    expect(summary.Result).toBe(
      `The chain of ${head.auditSeq} events is intact and reaches the signed checkpoint at event ${head.auditSeq}.`,
    );
  });

  test("never holds a whole card number, neither typed in a description nor stored in an old row", async () => {
    const { text } = await get(csvRoute, "/api/audit/export.csv", "admin");
    expect(text).not.toContain(fullPan);
    expect(text).toContain("622848******4821");
    // No run of 13 or more digits survives anywhere (hashes are hex with letters between).
    expect(text.replace(/[0-9a-f]{64}/g, "")).not.toMatch(/\d{13,}/);
  });

  test("is worded in Chinese for a Chinese reader", async () => {
    const { text } = await get(csvRoute, "/api/audit/export.csv?from=2026-11-01&to=2026-11-30", "admin", {
      "accept-language": "zh-CN",
    });
    const rows = csvRows(text);
    expect(rows[0].slice(0, 5)).toEqual(["编号", "门店", "终端", "类型", "状态"]);
    expect(rows.map((row) => row[18])).toEqual(
      expect.arrayContaining(["登记事件", "完成步骤：暂停交易", "完成步骤：重新核实"]),
    );
    expect(text).toContain("审计记录校验,通过");
  });

  test("records who exported what: an audit.exported event on the merchant's chain, covered by the checkpoint", async () => {
    await get(csvRoute, "/api/audit/export.csv?from=2026-11-01&to=2026-11-30", "finance");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { merchantId, type: "audit.exported" },
      orderBy: { seq: "desc" },
      include: { actor: { select: { email: true } } },
    });
    expect(event.actor?.email).toBe("finance@demo.test");
    expect(event.incidentId).toBeNull();
    expect(JSON.parse(event.after ?? "null")).toEqual({
      format: "csv",
      from: "2026-11-01",
      to: "2026-11-30",
      storeId: null,
      lang: "en",
    });
    const checkpoint = await prisma.auditCheckpoint.findFirstOrThrow({
      where: { merchantId },
      orderBy: { seq: "desc" },
    });
    expect(checkpoint.seq).toBeGreaterThanOrEqual(event.seq);
    expect(checkpoint.source).toBe("export");
  });
});

describe("who may export", () => {
  test.each([
    ["csv", csvRoute, "/api/audit/export.csv"],
    ["pdf", pdfRoute, "/api/audit/export.pdf"],
  ] as const)("a cashier is refused the %s (403) and nothing is recorded", async (_format, route, path) => {
    const before = await prisma.auditEvent.count({ where: { merchantId, type: "audit.exported" } });
    const { status, text } = await get(route, path, "cashier");
    expect(status).toBe(403);
    expect(JSON.parse(text).error.reason).toBe("AUDIT_EXPORT_NOT_ALLOWED");
    expect(await prisma.auditEvent.count({ where: { merchantId, type: "audit.exported" } })).toBe(before);
    expect((await get(route, path, null)).status).toBe(401);
    // The role before the query: a bad range from a role that may not export is still 403.
    const garbage = await get(route, `${path}?from=yesterday&storeId=`, "cashier");
    expect(garbage.status).toBe(403);
    expect(JSON.parse(garbage.text).error.reason).toBe("AUDIT_EXPORT_NOT_ALLOWED");
  });

  test("a supervisor exports their own stores only; another store answers 404", async () => {
    const { status, text } = await get(csvRoute, "/api/audit/export.csv?from=2026-11-01&to=2026-11-30", "supervisor");
    expect(status).toBe(200);
    const references = new Set(csvRows(text).map((row) => row[0]));
    expect(references.has(walked.reference)).toBe(true);
    expect(references.has(otherStore.reference)).toBe(false);

    const store2 = await prisma.store.findFirstOrThrow({ where: { merchantId, name: "Store 2" } });
    const refused = await get(csvRoute, `/api/audit/export.csv?storeId=${store2.id}`, "supervisor");
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.text).error.fields).toHaveProperty("storeId");
    // Finance sees every store, and a store filter narrows to it.
    const store2Only = await get(csvRoute, `/api/audit/export.csv?storeId=${store2.id}`, "finance");
    const store2References = new Set(csvRows(store2Only.text).map((row) => row[0]));
    expect(store2References.has(otherStore.reference)).toBe(true);
    expect(store2References.has(walked.reference)).toBe(false);
  });
});

describe("bad queries", () => {
  test.each([
    ["from=2026-13-01", "from"],
    ["to=yesterday", "to"],
    ["from=2026-11-30&to=2026-11-01", "to"],
    [`storeId=${"x".repeat(65)}&from=`, "storeId"],
    ["lang=fr", "lang"],
    ["format=xlsx", "format"],
  ])("%s answers 400 naming %s", async (query, field) => {
    const { status, text } = await get(csvRoute, `/api/audit/export.csv?${query}`, "admin");
    expect(status).toBe(400);
    expect(JSON.parse(text).error.fields).toHaveProperty(field);
  });

  test("blank fields (as the /audit page's GET form sends them) mean no filter", async () => {
    const blank = await get(csvRoute, "/api/audit/export.csv?from=&to=&storeId=&lang=", "admin");
    const none = await get(csvRoute, "/api/audit/export.csv", "admin");
    expect(blank.status).toBe(200);
    const references = (text: string) => new Set(csvRows(text).map((row) => row[0]));
    expect(references(blank.text)).toEqual(references(none.text));
  });

  test("lang=fr answers 400 naming lang (PDF)", async () => {
    const { status, text } = await get(pdfRoute, "/api/audit/export.pdf?lang=fr", "admin");
    expect(status).toBe(400);
    expect(JSON.parse(text).error.fields).toHaveProperty("lang");
  });

  test("whatever the query, never a 5xx; a refusal names a field", async () => {
    const key = fc.oneof(fc.constantFrom("from", "to", "storeId", "lang"), fc.string({ maxLength: 8 }));
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), fc.boolean(), async (params, pdf) => {
        const search = new URLSearchParams(params).toString();
        const { status, text } = pdf
          ? await get(pdfRoute, `/api/audit/export.pdf?${search}`, "supervisor")
          : await get(csvRoute, `/api/audit/export.csv?${search}`, "supervisor");
        expect(status).toBeLessThan(500);
        if (status === 400) expect(Object.keys(JSON.parse(text).error.fields ?? {}).length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe("GET /api/audit/export.pdf", () => {
  test("in Chinese: the step names, kinds and event titles in Chinese, the verification and the checkpoint", async () => {
    const { status, bytes, headers } = await get(
      pdfRoute,
      "/api/audit/export.pdf?from=2026-11-01&to=2026-11-30&lang=zh-CN",
      "admin",
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const text = (await pdfText(bytes)).replace(/\s+/g, "");
    for (const words of [
      "审计报告",
      "暂停交易",
      "重新核实",
      "补签",
      "对账",
      "金额输错",
      "签购单未签名",
      "完成步骤：暂停交易",
      "审计记录校验",
      "通过",
    ]) {
      expect(text).toContain(words);
    }
    const head = await prisma.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: { auditSeq: true, auditHash: true },
    });
    expect(text).toContain(head.auditHash);
    expect(text).toContain(walked.reference);
    expect(text).not.toContain(fullPan);
  });

  test("in English when asked", async () => {
    const { bytes } = await get(pdfRoute, "/api/audit/export.pdf?from=2026-11-01&to=2026-11-30&lang=en", "admin");
    const text = await pdfText(bytes);
    expect(text).toContain("Audit report");
    expect(text).toContain("Step completed: Re-verify");
    expect(text).not.toContain("暂停交易");
  });

  test(`refuses a range of more than ${AUDIT_PDF_MAX_INCIDENTS} incidents with 422 naming the limit, recording nothing`, async () => {
    const store = await prisma.store.findFirstOrThrow({
      where: { merchantId, name: "Store 1" },
      include: { terminals: true },
    });
    await prisma.incident.createMany({
      data: Array.from({ length: AUDIT_PDF_MAX_INCIDENTS + 1 }, (_, index) => ({
        merchantId,
        storeId: store.id,
        terminalId: store.terminals[0].id,
        number: 900_000 + index,
        kind: "WRONG_AMOUNT" as const,
        occurredAt: new Date(Date.UTC(2025, 0, 5, 0, 0, index)),
        dueAt: new Date(Date.UTC(2025, 0, 9)),
      })),
    });
    const before = await prisma.auditEvent.count({ where: { merchantId, type: "audit.exported" } });
    const { status, text } = await get(pdfRoute, "/api/audit/export.pdf?from=2025-01-01&to=2025-01-31", "admin");
    expect(status).toBe(422);
    expect(JSON.parse(text).error).toMatchObject({
      reason: "AUDIT_PDF_TOO_MANY_INCIDENTS",
      params: { limit: AUDIT_PDF_MAX_INCIDENTS, count: AUDIT_PDF_MAX_INCIDENTS + 1 },
    });
    expect(await prisma.auditEvent.count({ where: { merchantId, type: "audit.exported" } })).toBe(before);
    // The CSV streams them all.
    const csv = await get(csvRoute, "/api/audit/export.csv?from=2025-01-01&to=2025-01-31", "admin");
    expect(csv.status).toBe(200);
    expect(csvRows(csv.text).filter((row) => row[0]?.startsWith("INC-9"))).toHaveLength(AUDIT_PDF_MAX_INCIDENTS + 1);
  });
});

describe("checkpoints catch what the chain alone cannot", () => {
  test("a forged checkpoint is reported, by the verifier and by npm run audit:verify (exit 1)", async () => {
    const head = await writeCheckpoint({ merchantId, source: "schedule" });
    expect(await verifyChainAndCheckpoints({ merchantId })).toMatchObject({ ok: true, checkpoint: { status: "ok" } });
    // Someone with database access moves the checkpoint further than the chain, signing with a guessed key.
    const at = new Date();
    const forged = { merchantId, seq: head.seq + 50, hash: "f".repeat(64), at };
    await prisma.auditCheckpoint.create({
      data: {
        ...forged,
        signature: signCheckpoint("not the server key, not the server key", forged),
        source: "schedule",
      },
    });
    try {
      expect(await verifyChainAndCheckpoints({ merchantId })).toMatchObject({
        ok: false,
        brokenAt: null,
        checkpoint: { status: "forged", seq: head.seq + 50 },
      });
      const cli = await runAuditVerify();
      expect(cli.output).toContain(`FORGED checkpoint at seq ${head.seq + 50}`);
      expect(cli.code).toBe(1);
    } finally {
      await prisma.auditCheckpoint.delete({ where: { merchantId_seq: { merchantId, seq: head.seq + 50 } } });
    }
    expect((await runAuditVerify()).code).toBe(0);
  });

  test("deleting the newest events (and moving the head back) passes the chain check but not the checkpoint", async () => {
    await get(csvRoute, "/api/audit/export.csv?from=2026-11-01&to=2026-11-30", "admin");
    const checkpoint = await prisma.auditCheckpoint.findFirstOrThrow({
      where: { merchantId },
      orderBy: { seq: "desc" },
    });
    // Truncate: the newest three events go, and the merchant's head is set back to the new last one.
    const keep = checkpoint.seq - 3;
    const last = await prisma.auditEvent.findUniqueOrThrow({ where: { merchantId_seq: { merchantId, seq: keep } } });
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "merchantId" = ${merchantId} AND "seq" > ${keep}`;
    await prisma.$executeRaw(
      Prisma.sql`UPDATE "Merchant" SET "auditSeq" = ${keep}, "auditHash" = ${last.hash} WHERE "id" = ${merchantId}`,
    );
    // Link by link the shortened chain is intact …
    expect(await verifyChain({ merchantId })).toEqual({ merchantId, ok: true, events: keep });
    // … but it ends before the signed checkpoint.
    expect(await verifyChainAndCheckpoints({ merchantId })).toMatchObject({
      ok: false,
      brokenAt: null,
      checkpoint: { status: "truncated", seq: checkpoint.seq, chainEndsAt: keep },
    });
    const cli = await runAuditVerify();
    expect(cli.output).toContain(
      `TRUNCATED: the chain ends at seq ${keep}, before the checkpoint signed at seq ${checkpoint.seq}`,
    );
    expect(cli.code).toBe(1);
    // And the next export says so in its verification block: its own audit.exported event now
    // takes seq keep + 1, so the chain either ends before the latest checkpoint or contradicts one.
    const { text } = await get(csvRoute, "/api/audit/export.csv?from=2026-11-01&to=2026-11-30", "admin");
    expect(text).toContain("Audit trail check,FAILED");
    expect(text).toMatch(
      /Result,The (chain ends at event \d+, before the checkpoint signed at event \d+: the newest events were deleted|event at \d+ does not match the signed checkpoint: the chain was rewritten)\./,
    );
  });
});
