// DELETE /api/reconciliation/imports/{id} through the real route and the real import job: finance
// withdraws a file imported by mistake (202, the job takes its lines out and matches the rest
// again, the import ends withdrawn with its audit events, the same file can be uploaded again),
// and the refusals that keep someone's work or lines from being lost (409 with the reason), the
// roles (403) and the merchant's walls (404). reconciliation-withdraw.property.test.ts holds the
// outcome to "as if never imported" over random files.
import "@/tests/integration/reconciliation-import-spool-dir";
import fs from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { GET as getImportRoute, DELETE as withdrawRoute } from "@/app/api/reconciliation/imports/[id]/route";
import { POST as uploadRoute } from "@/app/api/reconciliation/imports/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import { abandonImport } from "@/lib/reconciliation/import/abandon-import";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { spoolPathOf } from "@/lib/reconciliation/spool";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import {
  exceptionsAs,
  openIncidentAs,
  otherMerchant,
  pairAs,
} from "@/tests/integration/reconciliation-exceptions-fixtures";
import {
  csv,
  importFile,
  noHeartbeat,
  queueFile,
  SHORT_POS_HEADER,
  SHORT_STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

const CARD = "622202******0128";
const POS_HEADER = SHORT_POS_HEADER;
const STATEMENT_HEADER = SHORT_STATEMENT_HEADER;

let merchantId: string;
beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" }, select: { id: true } })).id;
});

async function withdrawAs(user: DemoUser | null, id: string) {
  const request = jsonRequest(`/api/reconciliation/imports/${id}`, {
    method: "DELETE",
    cookie: user ? await sessionCookie(user) : undefined,
    headers: { origin: "http://localhost", host: "localhost" },
  });
  const response = await withdrawRoute(request, params({ id }));
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whichever answer shape came back
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function getAs(user: DemoUser, id: string) {
  const request = jsonRequest(`/api/reconciliation/imports/${id}`, { cookie: await sessionCookie(user) });
  const response = await getImportRoute(request, params({ id }));
  // biome-ignore lint/suspicious/noExplicitAny: read field by field
  return (await response.json()) as Record<string, any>;
}

async function uploadAs(user: DemoUser, type: string, content: string, name: string) {
  const form = new FormData();
  form.set("type", type);
  form.set("file", new Blob([new TextEncoder().encode(content)]), name);
  const response = await uploadRoute(
    new Request("http://localhost/api/reconciliation/imports", {
      method: "POST",
      headers: { cookie: await sessionCookie(user), origin: "http://localhost", host: "localhost" },
      body: form,
    }),
    {},
  );
  // biome-ignore lint/suspicious/noExplicitAny: read field by field
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A day's journal of two sales and a statement settling the first (the second is pos_only). */
function dayFiles(day: string, tag: string) {
  const settle = day.replace(/\d\d$/, (dd) => String(Number(dd) + 1).padStart(2, "0"));
  return {
    journal: csv([
      POS_HEADER,
      [`${day} 10:00:00`, "T1000001", CARD, "消费", "31.00", `${tag}1`, "000001", "000045", "成功"],
      [`${day} 11:00:00`, "T1000001", CARD, "消费", "42.00", `${tag}2`, "000002", "000045", "成功"],
    ]),
    statement: csv([
      STATEMENT_HEADER,
      [settle, `${day} 10:00:00`, "T1000001", CARD, "消费", "31.00", "0.00", "31.00", `${tag}1`, "000001", "000045"],
    ]),
  };
}

async function lineCategories(day: string) {
  const lines = await prisma.reconLine.findMany({
    where: { merchantId, day, source: { in: ["pos", "statement"] } },
    select: { source: true, rrn: true, category: true },
    orderBy: [{ source: "asc" }, { rrn: "asc" }],
  });
  return lines.map((line) => `${line.source}:${line.rrn}:${line.category}`);
}

describe("withdrawing a file", () => {
  test("finance withdraws a statement: its lines go, the journal's sales are unsettled again, events are written, and the file can come again", async () => {
    const day = "2019-03-04";
    const files = dayFiles(day, "WA");
    expect((await importFile({ merchantId, type: "pos_journal", content: files.journal })).status).toBe("done");
    const uploaded = await uploadAs("finance", "statement", files.statement, "statement-march.csv");
    expect(uploaded.status).toBe(202);
    const statementId: string = uploaded.body.import.id;
    await runImport(statementId, noHeartbeat);
    expect(await lineCategories(day)).toEqual(["pos:WA1:matched", "pos:WA2:pos_only", "statement:WA1:matched"]);

    const answer = await withdrawAs("finance", statementId);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ id: statementId, status: "withdrawing" });
    // Until the job has run, nothing has changed.
    expect(await lineCategories(day)).toEqual(["pos:WA1:matched", "pos:WA2:pos_only", "statement:WA1:matched"]);
    const job = await prisma.job.findFirstOrThrow({
      where: { kind: "reconciliation.import" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(job.payload)).toEqual({ importId: statementId });

    await runImport(statementId, noHeartbeat);
    const after = await getAs("finance", statementId);
    expect(after).toMatchObject({ status: "withdrawn", fileName: "statement-march.csv" });
    expect(after.report.withdrawal).toMatchObject({ linesRemoved: 1, counts: { matched: 1 } });
    expect(await prisma.reconLine.count({ where: { importId: statementId } })).toBe(0);
    expect(await lineCategories(day)).toEqual(["pos:WA1:pos_only", "pos:WA2:pos_only"]);
    const open = await exceptionsAs("finance", { from: day, to: day, category: "pos_only" });
    // Its batch is missing from every statement now: one case for the batch, as before it came.
    expect(open.body.items.map((item: { lines: { rrn: string }[] }) => item.lines.map((line) => line.rrn))).toEqual([
      ["WA1", "WA2"],
    ]);

    const events = await prisma.auditEvent.findMany({
      where: { merchantId, type: { startsWith: "reconciliation.import_withdraw" } },
      orderBy: { seq: "asc" },
    });
    const finance = await prisma.user.findFirstOrThrow({ where: { email: "finance@demo.test" } });
    expect(events.map((event) => [event.type, event.actorId])).toEqual([
      ["reconciliation.import_withdrawal_requested", finance.id],
      ["reconciliation.import_withdrawn", finance.id],
    ]);
    expect(JSON.parse(events[1].after ?? "{}")).toMatchObject({
      importId: statementId,
      rows: 1,
      counts: { matched: 1 },
    });
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });

    // The same bytes again: a new import, not "already imported".
    const again = await uploadAs("finance", "statement", files.statement, "statement-march.csv");
    expect(again.status).toBe(202);
    expect(again.body.import.id).not.toBe(statementId);
    await runImport(again.body.import.id, noHeartbeat);
    expect(await lineCategories(day)).toEqual(["pos:WA1:matched", "pos:WA2:pos_only", "statement:WA1:matched"]);
    // Withdrawn twice over the same bytes: each import keeps a key of its own.
    expect((await withdrawAs("finance", again.body.import.id)).status).toBe(202);
    await runImport(again.body.import.id, noHeartbeat);
    expect((await getAs("finance", again.body.import.id)).status).toBe("withdrawn");
  });

  test("a withdrawn journal takes its exceptions with it; the statement's line is statement_only again", async () => {
    const day = "2019-04-04";
    const files = dayFiles(day, "WB");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    expect((await importFile({ merchantId, type: "statement", content: files.statement })).status).toBe("done");
    const before = await prisma.reconException.findMany({ where: { merchantId, day, status: "open" } });
    expect(before.map((exception) => exception.category)).toEqual(["pos_only"]);

    expect((await withdrawAs("admin", journal.id)).status).toBe(202);
    await runImport(journal.id, noHeartbeat);
    expect(await lineCategories(day)).toEqual(["statement:WB1:statement_only"]);
    // The journal's pos_only case is gone, not "resolved": it stood for a line that never came.
    expect(await prisma.reconException.count({ where: { id: before[0].id } })).toBe(0);
    // So is the batch's case the statement had resolved: it has no line left to show.
    const left = await prisma.reconException.findMany({ where: { merchantId, day } });
    expect(left.map((exception) => [exception.category, exception.status, exception.lineCount])).toEqual([
      ["statement_only", "open", 1],
    ]);
  });

  test("only finance and admin withdraw, and only their merchant's files", async () => {
    const files = dayFiles("2019-05-04", "WC");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    for (const user of ["cashier", "supervisor"] as const) {
      const answer = await withdrawAs(user, journal.id);
      expect(answer.status).toBe(403);
    }
    expect((await withdrawAs(null, journal.id)).status).toBe(401);
    const elsewhere = await otherMerchant();
    const theirs = await queueFile({ merchantId: elsewhere.merchantId, type: "pos_journal", content: "x" });
    await prisma.reconImport.update({ where: { id: theirs.id }, data: { status: "done" } });
    expect((await withdrawAs("finance", theirs.id)).status).toBe(404);
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("done");
    expect((await withdrawAs("finance", "no-such-import")).status).toBe(404);
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: journal.id } })).status).toBe("done");
  });

  test("refused while it or another import runs, once withdrawn, and when a later export left lines out as its", async () => {
    const files = dayFiles("2019-06-04", "WD");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    const running = await queueFile({ merchantId, type: "statement", content: files.statement });
    const busy = await withdrawAs("finance", journal.id);
    expect(busy).toMatchObject({
      status: 409,
      body: { error: { reason: "IMPORT_RUNNING", params: { file: "statement.csv" } } },
    });
    expect((await withdrawAs("finance", running.id)).body.error.reason).toBe("IMPORT_NOT_WITHDRAWABLE");
    await runImport(running.id, noHeartbeat);

    // The same journal exported again (another title line): its lines are left out as the first's.
    const exported = await importFile({ merchantId, type: "pos_journal", content: `POS流水 导出\n${files.journal}` });
    expect(JSON.parse(exported.report ?? "{}").alreadyImported).toBe(2);
    const lost = await withdrawAs("finance", journal.id);
    expect(lost).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_LINES_LEFT_OUT_LATER" } } });
    expect(lost.body.error.message).toContain(exported.fileName);

    // The export itself (its lines left out, none stored) may go.
    expect((await withdrawAs("finance", exported.id)).status).toBe(202);
    await runImport(exported.id, noHeartbeat);
    expect((await withdrawAs("finance", exported.id)).body.error.reason).toBe("IMPORT_NOT_WITHDRAWABLE");
    expect(await prisma.reconLine.count({ where: { importId: journal.id } })).toBe(2);
  });

  test("refused when an incident cites its lines or lines they explain, or its lines were paired by hand", async () => {
    const day = "2019-07-04";
    const files = dayFiles(day, "WE");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    const listed = await exceptionsAs("finance", { from: day, to: day, category: "pos_only" });
    // The batch is missing from the statement: one case of both sales.
    expect(listed.body.items.map((item: { lines: { rrn: string }[] }) => item.lines.map((line) => line.rrn))).toEqual([
      ["WE1", "WE2"],
    ]);
    const opened = await openIncidentAs("finance", listed.body.items[0].id);
    expect(opened.status).toBe(201);
    const cited = await withdrawAs("finance", journal.id);
    expect(cited).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_HAS_INCIDENTS" } } });
    expect(cited.body.error.message).toContain(opened.body.incident.reference);

    // A statement that explains one of the incident's lines (its evidence matched).
    const late = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        [
          "2019-07-05",
          `${day} 11:00:00`,
          "T1000001",
          CARD,
          "消费",
          "42.00",
          "0.00",
          "42.00",
          "WE2",
          "000002",
          "000045",
        ],
      ]),
    });
    const explaining = await withdrawAs("finance", late.id);
    expect(explaining).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_HAS_INCIDENTS" } } });

    // Lines paired by hand.
    const other = dayFiles("2019-08-04", "WF");
    const journal2 = await importFile({ merchantId, type: "pos_journal", content: other.journal });
    const statement2 = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        [
          "2019-08-05",
          "2019-08-04 15:00:00",
          "T1000001",
          CARD,
          "消费",
          "42.00",
          "0.00",
          "42.00",
          null,
          "000099",
          "000045",
        ],
      ]),
    });
    const [pos] = await prisma.reconLine.findMany({ where: { importId: journal2.id, rrn: "WF2" } });
    const [settled] = await prisma.reconLine.findMany({ where: { importId: statement2.id } });
    expect((await pairAs("finance", { posLineId: pos.id, statementLineId: settled.id })).status).toBe(200);
    const paired = await withdrawAs("finance", statement2.id);
    expect(paired).toMatchObject({
      status: 409,
      body: { error: { reason: "IMPORT_LINES_PAIRED_BY_HAND", params: { count: 1 } } },
    });
    for (const id of [journal.id, late.id, statement2.id]) {
      expect((await prisma.reconImport.findUniqueOrThrow({ where: { id } })).status).toBe("done");
    }
  });

  test("while a file is withdrawing nobody opens an incident from its lines or pairs them; a withdrawal given up leaves it done", async () => {
    const day = "2019-09-04";
    const files = dayFiles(day, "WG");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    const listed = await exceptionsAs("finance", { from: day, to: day, category: "pos_only" });
    expect((await withdrawAs("finance", journal.id)).status).toBe(202);

    const refused = await openIncidentAs("finance", listed.body.items[0].id);
    expect(refused).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_WITHDRAWING" } } });
    const line = await prisma.reconLine.findFirstOrThrow({ where: { importId: journal.id } });
    const pairing = await pairAs("finance", { posLineId: line.id, statementLineId: line.id });
    expect(pairing).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_WITHDRAWING" } } });

    // The job failed on every attempt: the file stays imported, its hash its own again.
    await abandonImport(journal.id, "database away");
    const back = await prisma.reconImport.findUniqueOrThrow({ where: { id: journal.id } });
    expect(back.status).toBe("done");
    expect(back.contentHash).toBe(journal.contentHash);
    expect(JSON.parse(back.report ?? "{}").withdrawal).toBeUndefined();
    expect(JSON.parse(back.report ?? "{}").withdrawalFailed).toMatchObject({ failedAt: expect.any(String) });
    const failed = await prisma.auditEvent.findFirstOrThrow({
      where: { merchantId, type: "reconciliation.import_withdrawal_failed" },
    });
    expect(JSON.parse(failed.after ?? "{}")).toMatchObject({ importId: journal.id, cause: "database away" });
    expect(await prisma.reconLine.count({ where: { importId: journal.id } })).toBe(2);
    expect((await openIncidentAs("finance", listed.body.items[0].id)).status).toBe(201);
  });

  // Found by review: "later" was by creation, and a failed upload queued again keeps its row.
  test("a later export that left out lines of other days keeps no earlier file from going", async () => {
    const monday = dayFiles("2019-11-04", "WM");
    const tuesday = dayFiles("2019-11-05", "WT");
    const first = await importFile({ merchantId, type: "pos_journal", content: monday.journal });
    const second = await importFile({ merchantId, type: "pos_journal", content: tuesday.journal });
    // Tuesday's journal exported again: its twins are the second file's, on Tuesday.
    const exported = await importFile({ merchantId, type: "pos_journal", content: `POS流水 导出\n${tuesday.journal}` });
    expect(JSON.parse(exported.report ?? "{}")).toMatchObject({
      alreadyImported: 2,
      alreadyImportedDays: ["2019-11-05"],
    });

    const refused = await withdrawAs("finance", second.id);
    expect(refused).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_LINES_LEFT_OUT_LATER" } } });
    // Monday's file shares no day with the lines left out: none of them is its.
    expect((await withdrawAs("finance", first.id)).status).toBe(202);
    await runImport(first.id, noHeartbeat);
    expect(await lineCategories("2019-11-04")).toEqual([]);
    expect(await lineCategories("2019-11-05")).toHaveLength(2);
  });

  test("a failed journal queued again after another is later by its publish: its left-out twins keep the other from going", async () => {
    const day = "2019-10-04";
    const row = (time: string, tid: string, amount: string, rrn: string) => [
      `${day} ${time}`,
      tid,
      CARD,
      "消费",
      amount,
      rrn,
      rrn.slice(-6),
      "000045",
      "成功",
    ];
    const known = [row("10:00:00", "T1000001", "11.00", "WH0001"), row("11:00:00", "T1000001", "12.00", "WH0002")];
    // The longer journal names a terminal not yet registered: it fails.
    const longer = csv([POS_HEADER, ...known, row("12:00:00", "T7700077", "13.00", "WH0003")]);
    const first = await queueFile({ merchantId, type: "pos_journal", content: longer });
    await runImport(first.id, noHeartbeat);
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("failed");
    // The shorter one imports.
    const shorter = await importFile({ merchantId, type: "pos_journal", content: csv([POS_HEADER, ...known]) });
    // The terminal is registered and the longer file queued again, as queue-import.ts does (same row).
    const store = await prisma.terminal.findFirstOrThrow({ where: { merchantId, tid: "T1000001" } });
    await prisma.terminal.create({ data: { merchantId, storeId: store.storeId, tid: "T7700077" } });
    fs.writeFileSync(spoolPathOf(first.id), longer);
    await prisma.reconImport.update({ where: { id: first.id }, data: { status: "queued", rowsRead: 0, errors: null } });
    await runImport(first.id, noHeartbeat);
    const again = await prisma.reconImport.findUniqueOrThrow({ where: { id: first.id } });
    expect([again.status, JSON.parse(again.report ?? "{}").alreadyImported]).toEqual(["done", 2]);
    expect(again.createdAt < shorter.createdAt).toBe(true);

    const refused = await withdrawAs("finance", shorter.id);
    expect(refused).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_LINES_LEFT_OUT_LATER" } } });
    expect(await lineCategories(day)).toHaveLength(3);
  });

  // Found by review: a credit case has no line of the statement that makes up its total.
  test("while a statement is withdrawing nobody opens an incident from its settle date's credit case", async () => {
    const day = "2019-11-04";
    const statement = await importFile({ merchantId, type: "statement", content: dayFiles(day, "WI").statement });
    const missing = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, category: "credit_missing", day: "2019-11-05", status: "open" },
    });
    expect((await withdrawAs("finance", statement.id)).status).toBe(202);
    const refused = await openIncidentAs("finance", missing.id);
    expect(refused).toMatchObject({ status: 409, body: { error: { reason: "IMPORT_WITHDRAWING" } } });
    await runImport(statement.id, noHeartbeat);
    expect(await prisma.reconException.count({ where: { id: missing.id } })).toBe(0);
    expect(await prisma.reconSettlement.count({ where: { merchantId, settleDate: "2019-11-05" } })).toBe(0);
  });

  // Found by review: a case from before the file that the file only reopened stays, resolved.
  test("a case the withdrawn file reopened is resolved again, not deleted", async () => {
    const day = "2019-12-04";
    const files = dayFiles(day, "WJ");
    await importFile({ merchantId, type: "statement", content: files.statement });
    const before = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, day, category: "statement_only", status: "open" },
    });
    await importFile({ merchantId, type: "pos_journal", content: files.journal });
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: before.id } })).status).toBe("resolved");
    // A journal voiding the sale: the statement's line explains nothing again.
    const voiding = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        [...POS_HEADER, "原凭证号"],
        [`${day} 10:05:00`, "T1000001", CARD, "撤销", "31.00", "WJ9", "000009", "000045", "成功", "000001"],
      ]),
    });
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: before.id } })).status).toBe("open");
    expect((await withdrawAs("finance", voiding.id)).status).toBe(202);
    await runImport(voiding.id, noHeartbeat);
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: before.id } })).status).toBe("resolved");
    expect(await lineCategories(day)).toEqual(["pos:WJ1:matched", "pos:WJ2:pos_only", "statement:WJ1:matched"]);
  });

  // Found by review: the job's last step failing on every attempt left the import withdrawing for good.
  test("a withdrawal whose publish committed is finished when its job gives up", async () => {
    const files = dayFiles("2020-01-04", "WK");
    const journal = await importFile({ merchantId, type: "pos_journal", content: files.journal });
    expect((await withdrawAs("finance", journal.id)).status).toBe(202);
    await runImport(journal.id, noHeartbeat);
    // As if the last step had not run: published (lines gone), still withdrawing, no event yet.
    await prisma.reconImport.update({ where: { id: journal.id }, data: { status: "withdrawing" } });
    const events = () => prisma.auditEvent.count({ where: { merchantId, type: "reconciliation.import_withdrawn" } });
    const eventsBefore = await events();
    await abandonImport(journal.id, "database away");
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: journal.id } })).status).toBe("withdrawn");
    expect(await events()).toBe(eventsBefore + 1);
  });
});
