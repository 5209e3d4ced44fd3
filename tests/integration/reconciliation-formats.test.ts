// Saved import formats through the real /api/reconciliation/formats (and preview) route handlers,
// against this file's own copy of the seeded database: finance and admin save, list and delete
// them with an audit event each; other roles are refused and nothing changes; a format of another
// merchant is neither listed nor deletable; bad input is a 400 naming the field.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { DELETE as deleteFormatRoute } from "@/app/api/reconciliation/formats/[id]/route";
import { GET as listFormatsRoute, POST as saveFormatRoute } from "@/app/api/reconciliation/formats/route";
import { POST as previewRoute } from "@/app/api/reconciliation/preview/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import { maskFileText } from "@/lib/card-data/mask-pan-bytes";
import { prisma } from "@/lib/db/client";
import type { FilePreviewDto, ReconFormatDto, SaveFormatInput } from "@/lib/reconciliation/formats/schema";
import { encodeGb18030 } from "@/tests/fixtures/reconciliation/gb18030.mjs";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

interface ErrorBody {
  error: { code: string; reason: string; fields?: Record<string, string>; fieldReasons?: Record<string, unknown> };
}

const BANK_FORMAT: SaveFormatInput = {
  name: "ICBC portal export",
  type: "bank_credit",
  mapping: { date: "记账日期", amount: "贷方发生额(元)", memo: "摘要" },
  datePattern: "yyyyMMdd",
  amountUnit: "yuan",
  skipRows: 2,
};

async function cookieOf(user: DemoUser | null): Promise<string | undefined> {
  return user ? sessionCookie(user) : undefined;
}

async function save(user: DemoUser | null, body: unknown) {
  const response = await saveFormatRoute(
    jsonRequest("/api/reconciliation/formats", { method: "POST", body, cookie: await cookieOf(user) }),
    {},
  );
  return { status: response.status, body: (await response.json()) as ReconFormatDto & ErrorBody };
}

async function list(user: DemoUser | null) {
  const response = await listFormatsRoute(
    jsonRequest("/api/reconciliation/formats", { cookie: await cookieOf(user) }),
    {},
  );
  return { status: response.status, body: (await response.json()) as { formats: ReconFormatDto[] } & ErrorBody };
}

async function remove(user: DemoUser | null, id: string) {
  const response = await deleteFormatRoute(
    jsonRequest(`/api/reconciliation/formats/${id}`, { method: "DELETE", cookie: await cookieOf(user) }),
    params({ id }),
  );
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as ErrorBody | null };
}

async function preview(user: DemoUser | null, file: Blob | null, name = "journal.csv") {
  const form = new FormData();
  if (file) form.set("file", file, name);
  const request = new Request("http://localhost/api/reconciliation/preview", {
    method: "POST",
    body: form,
    headers: user ? { cookie: (await cookieOf(user)) as string } : {},
  });
  const response = await previewRoute(request, {});
  return { status: response.status, body: (await response.json()) as FilePreviewDto & ErrorBody };
}

let merchantId: string;
let otherFormatId: string;

async function formatCount(): Promise<number> {
  return prisma.reconFormat.count({ where: { merchantId } });
}

async function lastEvent() {
  return prisma.auditEvent.findFirstOrThrow({ where: { merchantId }, orderBy: { seq: "desc" } });
}

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" } })).id;
  const other = await prisma.merchant.create({ data: { name: "Elsewhere Trading" } });
  const otherUser = await prisma.user.create({
    data: { email: "finance@elsewhere.test", name: "Else Finance", emailVerified: true },
  });
  otherFormatId = (
    await prisma.reconFormat.create({
      data: {
        merchantId: other.id,
        name: "Elsewhere journal",
        type: "pos_journal",
        mapping: JSON.stringify({ txAt: "When", tid: "Till", txType: "Kind", amount: "Sum", status: "Result" }),
        createdById: otherUser.id,
      },
    })
  ).id;
});

describe("saving a format", () => {
  test("finance saves a format: 201 with the format, listed, and a format_saved audit event", async () => {
    const saved = await save("finance", BANK_FORMAT);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ ...BANK_FORMAT, id: expect.any(String) });

    const listed = await list("finance");
    expect(listed.status).toBe(200);
    expect(listed.body.formats.map((format) => format.name)).toContain(BANK_FORMAT.name);

    const event = await lastEvent();
    expect(event.type).toBe("reconciliation.format_saved");
    expect(JSON.parse(event.after as string)).toEqual({
      formatId: saved.body.id,
      name: BANK_FORMAT.name,
      type: "bank_credit",
    });
    expect(event.actorId).toBe((await prisma.user.findUniqueOrThrow({ where: { email: "finance@demo.test" } })).id);
    expect((await verifyChain({ merchantId })).ok).toBe(true);
  });

  test("an admin may save one too; the same name again is a 409 naming the name", async () => {
    const first = await save("admin", { ...BANK_FORMAT, name: "Admin's bank file" });
    expect(first.status).toBe(201);
    const again = await save("finance", { ...BANK_FORMAT, name: "Admin's bank file" });
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe("FORMAT_NAME_TAKEN");
    expect(Object.keys(again.body.error.fields ?? {})).toEqual(["name"]);
  });

  test.each<DemoUser>(["cashier", "supervisor"])("%s is refused with 403 and nothing is saved", async (user) => {
    const before = await formatCount();
    const refused = await save(user, { ...BANK_FORMAT, name: `by ${user}` });
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe("RECONCILIATION_ONLY");
    expect((await list(user)).status).toBe(403);
    expect(await formatCount()).toBe(before);
  });

  test.each<DemoUser>(["cashier", "supervisor"])(
    "%s with a body the schema would reject is still refused with 403",
    async (user) => {
      const refused = await save(user, { name: 42, columns: "none" });
      expect(refused.status).toBe(403);
      expect(refused.body.error.reason).toBe("RECONCILIATION_ONLY");
    },
  );

  test("without a session: 401", async () => {
    expect((await save(null, BANK_FORMAT)).status).toBe(401);
    expect((await list(null)).status).toBe(401);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["no name", { name: "  " }, "name"],
    ["an unknown type", { type: "ledger" }, "type"],
    ["a field the type has no such thing as", { mapping: { ...BANK_FORMAT.mapping, fee: "手续费" } }, "mapping.fee"],
    ["the amount not mapped", { mapping: { date: "记账日期" } }, "mapping.amount"],
    ["an empty header for a field", { mapping: { date: "记账日期", amount: "" } }, "mapping.amount"],
    ["a date pattern with no year", { datePattern: "MM/dd" }, "datePattern"],
    ["a date pattern of letters", { datePattern: "yyyyMMdd QQ" }, "datePattern"],
    ["a date pattern with the month twice", { datePattern: "yyyyMMddMM" }, "datePattern"],
    ["one header for two fields", { mapping: { date: "记账日期", amount: "记账日期" } }, "mapping.amount"],
    ["a unit that is neither yuan nor fen", { amountUnit: "jiao" }, "amountUnit"],
    ["negative rows to skip", { skipRows: -1 }, "skipRows"],
    ["too many rows to skip", { skipRows: 500 }, "skipRows"],
    ["an unknown key", { colour: "red" }, "colour"],
  ])("%s → 400 naming %s, nothing saved", async (_case, change, field) => {
    const before = await formatCount();
    const refused = await save("finance", { ...BANK_FORMAT, name: `bad ${field}`, ...change });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.body.error.fields ?? {})).toContain(field);
    expect(await formatCount()).toBe(before);
  });

  test("a date pattern in capitals is refused with how to write one, in the reader's language", async () => {
    const refused = await save("finance", { ...BANK_FORMAT, name: "capital pattern", datePattern: "YYYY年MM月DD日" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields?.datePattern).toContain("MM the month, mm the minutes");
  });

  test("a POS format with a date column and no time column is refused, naming mapping.time", async () => {
    const refused = await save("finance", {
      name: "date only",
      type: "pos_journal",
      mapping: { date: "日期", tid: "终端号", txType: "类型", amount: "金额", status: "状态" },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields ?? {})).toEqual(["mapping.time"]);
  });

  test("a card number typed into the name is masked before it is stored", async () => {
    const pan = `622202123456789${luhnCheckDigit("622202123456789")}`;
    const saved = await save("finance", { ...BANK_FORMAT, name: `Card ${pan}` });
    expect(saved.status).toBe(201);
    expect(saved.body.name).not.toContain(pan);
    expect(saved.body.name).toBe("Card ****7894");
  });

  test("a card number in a mapped header is stored masked, first six and last four, as the uploaded file is", async () => {
    const pan = `411111111111111${luhnCheckDigit("411111111111111")}`;
    const saved = await save("finance", {
      ...BANK_FORMAT,
      name: "header with a card",
      mapping: { ...BANK_FORMAT.mapping, memo: `memo ${pan}` },
    });
    expect(saved.status).toBe(201);
    expect(JSON.stringify(saved.body)).not.toContain(pan);
    expect(saved.body.mapping.memo).toBe("memo 411111******1111");
    const stored = await prisma.reconFormat.findUniqueOrThrow({ where: { id: saved.body.id } });
    expect(JSON.stringify(stored)).not.toContain(pan);
  });

  test("any name and headers that pass the schema round-trip: what is listed is what was saved", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }).filter((text) => /^[\p{L}\p{N} ]*\p{L}[\p{L}\p{N} ]*$/u.test(text)),
        // (a header holding a card number is masked: the test below)
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((text) => /^[\p{L}\p{N}()]+$/u.test(text) && maskFileText(text) === text),
        async (suffix, header) => {
          const name = `Prop ${suffix}`.trim();
          const mapping = { date: header, amount: `金额${header}` };
          const saved = await save("finance", { ...BANK_FORMAT, name, mapping });
          if (saved.status === 409) return; // the property drew a name it drew before
          expect(saved.status).toBe(201);
          const listed = (await list("finance")).body.formats.find((format) => format.id === saved.body.id);
          expect(listed).toMatchObject({ name, mapping });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("deleting a format", () => {
  test("finance deletes its merchant's format: 204, gone, and a format_deleted audit event", async () => {
    const saved = await save("finance", { ...BANK_FORMAT, name: "to delete" });
    const deleted = await remove("finance", saved.body.id);
    expect(deleted.status).toBe(204);
    expect((await list("finance")).body.formats.map((format) => format.id)).not.toContain(saved.body.id);
    const event = await lastEvent();
    expect(event.type).toBe("reconciliation.format_deleted");
    expect(JSON.parse(event.before as string)).toEqual({
      formatId: saved.body.id,
      name: "to delete",
      type: "bank_credit",
    });
    expect((await remove("finance", saved.body.id)).status).toBe(404);
  });

  test("a cashier cannot delete one: 403 and it stays", async () => {
    const saved = await save("finance", { ...BANK_FORMAT, name: "kept" });
    expect((await remove("cashier", saved.body.id)).status).toBe(403);
    expect((await list("finance")).body.formats.map((format) => format.id)).toContain(saved.body.id);
  });
});

describe("merchant isolation", () => {
  test("another merchant's format is not listed and cannot be deleted (404), and stays", async () => {
    const listed = await list("finance");
    expect(listed.body.formats.map((format) => format.id)).not.toContain(otherFormatId);
    expect(listed.body.formats.map((format) => format.name)).not.toContain("Elsewhere journal");
    const refused = await remove("admin", otherFormatId);
    expect(refused.status).toBe(404);
    expect(refused.body?.error.reason).toBe("FORMAT_NOT_FOUND");
    expect(await prisma.reconFormat.count({ where: { id: otherFormatId } })).toBe(1);
  });

  test("the same name may exist in two merchants", async () => {
    expect((await save("finance", { ...BANK_FORMAT, name: "Elsewhere journal" })).status).toBe(201);
  });
});

describe("preview", () => {
  const csv = [
    "某银行 账户明细",
    "账号: 6222 **** 0001",
    "记账日期,贷方发生额(元),摘要",
    '20261128,"1,280.50",POS结算',
    "20261129,300.00,POS结算",
  ].join("\r\n");

  test("finance gets the first rows as cells, with the header row suggested (as a spreadsheet numbers it)", async () => {
    const shown = await preview("finance", new Blob([csv], { type: "text/csv" }));
    expect(shown.status).toBe(200);
    expect(shown.body.rows[2]).toEqual(["记账日期", "贷方发生额(元)", "摘要"]);
    expect(shown.body.rows[3]).toEqual(["20261128", "1,280.50", "POS结算"]);
    expect(shown.body.suggestedHeaderLine).toBe(3);
  });

  test("a GB18030 file previews in Chinese", async () => {
    const shown = await preview("finance", new Blob([encodeGb18030(csv)]));
    expect(shown.status).toBe(200);
    expect(shown.body.encoding).toBe("gb18030");
    expect(shown.body.rows[2]).toEqual(["记账日期", "贷方发生额(元)", "摘要"]);
  });

  test("a full card number in the file is masked in the preview", async () => {
    const pan = `622202123456789${luhnCheckDigit("622202123456789")}`;
    const shown = await preview(
      "finance",
      new Blob([`time,terminal id,card,amount\n2026-11-30 10:00:00,T1000001,${pan},1.00\n`]),
    );
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(pan);
    // shown as the import will store it: first six and last four
    expect(JSON.stringify(shown.body)).toContain(`622202******${pan.slice(-4)}`);
  });

  test("every answer carries the security headers, refusals too (the route is outside proxy.ts)", async () => {
    const form = new FormData();
    form.set("file", new Blob([csv]), "bank.csv");
    for (const request of [
      new Request("http://localhost/api/reconciliation/preview", {
        method: "POST",
        body: form,
        headers: { cookie: (await cookieOf("finance")) as string },
      }),
      new Request("http://localhost/api/reconciliation/preview", { method: "POST" }),
    ]) {
      const response = await previewRoute(request, {});
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("'nonce-");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  test("a cashier is refused (403); no file is a 400 naming file", async () => {
    expect((await preview("cashier", new Blob([csv]))).status).toBe(403);
    const missing = await preview("finance", null);
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields ?? {})).toEqual(["file"]);
  });

  test("an empty file is told apart from no file, in the import's words (FILE_EMPTY)", async () => {
    const empty = await preview("finance", new Blob([]), "empty.csv");
    expect(empty.status).toBe(400);
    expect(empty.body.error.reason).toBe("FILE_EMPTY");
    expect(Object.keys(empty.body.error.fields ?? {})).toEqual(["file"]);
    const missing = await preview("finance", null);
    expect(missing.body.error.reason).not.toBe("FILE_EMPTY");
  });
});
