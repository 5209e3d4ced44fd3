// GET /api/finance/queue.csv through the real route handler: who may export, what the file holds
// (BOM, masked card, formula-injection escaped cells), the page's filters, and only the caller's
// merchant.
import { beforeAll, describe, expect, test } from "vitest";
import { GET as exportRoute } from "@/app/api/finance/queue.csv/route";
import { prisma } from "@/lib/db/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import { type DemoUser, jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { csvRows } from "@/tests/helpers/csv";
import { logIncident } from "@/tests/helpers/incidents";

async function exportAs(user: DemoUser | null, query = "", headers: Record<string, string> = {}) {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await exportRoute(jsonRequest(`/api/finance/queue.csv${query}`, { cookie, headers }), {});
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

let carded: IncidentDto;
let formulaStore: IncidentDto;
let otherMerchantReference: number;

beforeAll(async () => {
  carded = await logIncident({
    kind: "duplicate_charge",
    terminalId: "T1000001",
    amount: "88.80",
    cardBin: "622848",
    cardLast4: "4821",
    rrn: "531000777123",
  });
  // A store whose name a spreadsheet would run as a formula (an admin can type anything).
  const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  const store = await prisma.store.create({
    data: {
      merchantId: merchant.id,
      name: '=HYPERLINK("http://evil.example")',
      terminals: { create: { merchantId: merchant.id, tid: "T7000001" } },
    },
  });
  expect(store.id).toBeTruthy();
  formulaStore = await logIncident({ kind: "wrong_amount", terminalId: "T7000001", amount: "1.00" });

  // Another merchant's open case, waiting for reconcile: never in this merchant's export.
  const reporter = await prisma.user.findFirstOrThrow({ select: { id: true } });
  const other = await prisma.merchant.create({ data: { name: "Elsewhere Ltd" } });
  const otherStore = await prisma.store.create({
    data: { merchantId: other.id, name: "Elsewhere", terminals: { create: { merchantId: other.id, tid: "T9000009" } } },
    include: { terminals: true },
  });
  otherMerchantReference = 424_242;
  await prisma.incident.create({
    data: {
      merchantId: other.id,
      storeId: otherStore.id,
      terminalId: otherStore.terminals[0].id,
      number: otherMerchantReference,
      kind: "WRONG_AMOUNT",
      occurredAt: new Date(Date.now() - 3_600_000),
      dueAt: new Date(Date.now() + 3_600_000),
      amountMinor: 999,
      reportedById: reporter.id,
      steps: {
        create: ["HALT", "REVERIFY", "NOTIFY", "RESIGN", "RECONCILE"].map((key, index) => ({
          key: key as "HALT",
          position: index + 1,
          status: key === "RESIGN" ? "NOT_APPLICABLE" : "PENDING",
        })),
      },
    },
  });
});

describe("GET /api/finance/queue.csv", () => {
  test("finance gets a UTF-8 CSV with a BOM, a header row and one row per case in the queue", async () => {
    const { response, bytes, text } = await exportAs("finance");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="reconcile-queue-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(text);
    expect(rows[0]).toEqual([
      "Reference",
      "Ready to reconcile",
      "Waiting for",
      "Store",
      "Terminal",
      "Kind",
      "Status",
      "Occurred (UTC+8)",
      "Days waiting",
      "Amount",
      "Currency",
      "Card (masked)",
      "RRN",
    ]);
    const references = rows.slice(1).map((row) => row[0]);
    expect(references).toEqual(expect.arrayContaining([carded.reference, formulaStore.reference]));
    expect(references).not.toContain(`INC-${String(otherMerchantReference).padStart(6, "0")}`);
  });

  test("the card is masked: BIN and last 4 only, never more digits", async () => {
    const { text } = await exportAs("finance");
    const row = csvRows(text).find((cells) => cells[0] === carded.reference);
    expect(row).toBeDefined();
    expect(row?.[11]).toBe("622848******4821");
    expect(row?.[9]).toBe("88.80");
    expect(row?.[12]).toBe("531000777123");
    expect(text).not.toMatch(/\d{13,19}/);
  });

  test("a cell that would start a formula is prefixed with a quote", async () => {
    const { text } = await exportAs("finance");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,|\r\n)"?=HYPERLINK/);
  });

  test("it honours the page's filters", async () => {
    const store1 = await exportAs("finance", `?storeId=${carded.storeId}&kind=duplicate_charge`);
    const rows = csvRows(store1.text).slice(1);
    expect(rows.map((row) => row[0])).toContain(carded.reference);
    expect(rows.every((row) => row[3] === "Store 1" && row[5] === "Duplicate charge")).toBe(true);
    const old = await exportAs("finance", "?olderThanDays=7");
    expect(
      csvRows(old.text)
        .slice(1)
        .map((row) => row[0]),
    ).not.toContain(carded.reference);
  });

  test("speaks the caller's language: Chinese headers and kinds with Accept-Language zh-CN", async () => {
    const { text } = await exportAs("finance", "", { "accept-language": "zh-CN,zh;q=0.9" });
    const rows = csvRows(text);
    expect(rows[0][0]).toBe("事件编号");
    expect(rows.find((row) => row[0] === carded.reference)?.[5]).toBe("重复扣款");
  });

  test("admin may export; cashier and supervisor are refused with 403; no session is 401", async () => {
    expect((await exportAs("admin")).response.status).toBe(200);
    expect((await exportAs("cashier")).response.status).toBe(403);
    expect((await exportAs("supervisor")).response.status).toBe(403);
    expect((await exportAs(null)).response.status).toBe(401);
    // The role before the query: a bad filter from a role that may not export is still 403.
    expect((await exportAs("cashier", "?olderThanDays=5")).response.status).toBe(403);
  });

  test("a bad filter is a 400 naming the field, and another merchant's store gives an empty file", async () => {
    const bad = await exportAs("finance", "?olderThanDays=5");
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(bad.text).error.fields).toHaveProperty("olderThanDays");
    const otherStore = await prisma.store.findFirstOrThrow({ where: { name: "Elsewhere" }, select: { id: true } });
    const foreign = await exportAs("finance", `?storeId=${otherStore.id}`);
    expect(foreign.response.status).toBe(200);
    expect(csvRows(foreign.text)).toHaveLength(1);
  });
});
