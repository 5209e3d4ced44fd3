// GET /api/reconciliation/exceptions.csv through the real route handler: formula-safe cells, the
// filters, and a 50,000-line export that streams (the file arrives in many chunks, the first
// before the database has been read to the end) with every line once.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { CSV_BOM } from "@/lib/incidents/export-csv";
import { EXPORT_PAGE } from "@/lib/reconciliation/exceptions/export-exceptions-csv";
import zhIncidents from "@/messages/zh-CN/incidents.json";
import zhReconciliation from "@/messages/zh-CN/reconciliation.json";
import { csvRows } from "@/tests/helpers/csv";
import {
  csvAs,
  demoMerchant,
  exceptionsAs,
  insertException,
  insertLine,
  openIncidentAs,
  posException,
} from "@/tests/integration/reconciliation-exceptions-fixtures";

let merchant: Awaited<ReturnType<typeof demoMerchant>>;

/** One day's exceptions file as finance reads it, each row keyed by its header in that language. */
async function csvRecords(day: string, language: string): Promise<Record<string, string>[]> {
  const response = await csvAs("finance", { from: day, to: day }, { "accept-language": language });
  expect(response.status).toBe(200);
  const [header, ...rows] = csvRows(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()));
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

beforeAll(async () => {
  merchant = await demoMerchant();
});

describe("the exceptions CSV", () => {
  test("cells a spreadsheet would run as a formula are prefixed with a quote; the file has a BOM and a header", async () => {
    const dangerous = ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"];
    for (const [index, rrn] of dangerous.entries()) {
      await posException(merchant, "pos_only", { rrn, operator: "x", txAt: `2026-06-0${index + 1} 10:00:00` });
    }
    const response = await csvAs("finance", { from: "2026-06-01", to: "2026-06-09" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="reconciliation-exceptions-/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const [header, ...rows] = csvRows(text);
    const rrnColumn = header.indexOf("RRN");
    expect(rrnColumn).toBeGreaterThan(0);
    expect(rows.map((row) => row[rrnColumn]).sort()).toEqual(dangerous.map((rrn) => `'${rrn}`).sort());
    for (const row of rows) expect(row[header.indexOf("Card")]).toBe("622202******0128");
  });

  test("the header is in the reader's language", async () => {
    const response = await csvAs("finance", { from: "2030-01-01" }, { "accept-language": "zh-CN" });
    const text = new TextDecoder().decode(await response.arrayBuffer());
    expect(text.split("\r\n")[0]).toContain("参考号");
  });

  test("codes read as words in the reader's language, each exception's amount is there, and a settle date with no credit has its row", async () => {
    const day = "2026-04-03";
    const { line } = await posException(
      merchant,
      "pos_only",
      { txAt: `${day} 10:00:00`, amountMinor: 4_200 },
      { amountMinor: 4_200 },
    );
    const missing = await insertException({
      merchantId: merchant.merchantId,
      category: "credit_missing",
      lineIds: [],
      day,
      amountMinor: 99_900,
    });
    const read = (language: string) => csvRecords(day, language);
    const zh = await read("zh-CN");
    expect(zh).toHaveLength(2);
    const words = zhReconciliation.Exceptions;
    const sale = zh.find((row) => row[words.csv.lineId] === String(line.id));
    expect(sale?.[words.csv.exceptionCategory]).toBe(words.categories.pos_only);
    expect(sale?.[words.csv.lineCategory]).toBe(words.categories.pos_only);
    expect(sale?.[words.csv.source]).toBe(words.sources.pos);
    expect(sale?.[words.csv.type]).toBe(words.txTypes.sale);
    expect(sale?.[words.csv.exceptionAmount]).toBe("42.00");
    const credit = zh.find((row) => row[words.csv.exceptionId] === missing.id);
    expect(credit?.[words.csv.exceptionCategory]).toBe(words.categories.credit_missing);
    expect(credit?.[words.csv.exceptionAmount]).toBe("999.00");
    expect(credit?.[words.csv.lineId]).toBe("");
    const en = await read("en");
    expect(en.find((row) => row["Exception ID"] === missing.id)?.["Exception category"]).toBe("Credit missing");
  });

  test("an exception with an incident carries its reference and where the case stands, in the reader's language", async () => {
    const day = "2026-04-05";
    const { exception: linked } = await posException(merchant, "pos_only", { txAt: `${day} 09:00:00` });
    const { exception: waiting } = await posException(merchant, "pos_only", { txAt: `${day} 09:30:00` });
    const opened = await openIncidentAs("finance", linked.id);
    expect(opened.status).toBe(201);
    const read = (language: string) => csvRecords(day, language);
    const en = await read("en");
    expect(en.find((row) => row["Exception ID"] === linked.id)).toMatchObject({
      Incident: opened.body.incident.reference,
      "Incident status": "Open",
    });
    expect(en.find((row) => row["Exception ID"] === waiting.id)).toMatchObject({ Incident: "", "Incident status": "" });
    const words = zhReconciliation.Exceptions.csv;
    const zh = await read("zh-CN");
    expect(zh.find((row) => row[words.exceptionId] === linked.id)?.[words.incidentStatus]).toBe(
      zhIncidents.Incident.status.OPEN,
    );
  });

  test("a bank credit’s date, memo and counterparty are there, in the list and the file, to tell the credit apart", async () => {
    const day = "2026-04-07";
    const credit = await insertLine({
      merchantId: merchant.merchantId,
      source: "bank",
      txAt: null,
      day,
      amountMinor: 123_456,
      category: "credit_unexplained",
      memo: "银联入账 20260407",
      counterparty: "银联商务股份有限公司",
    });
    const exception = await insertException({
      merchantId: merchant.merchantId,
      category: "credit_unexplained",
      lineIds: [credit.id],
      day,
      amountMinor: 123_456,
    });
    const listed = await exceptionsAs("finance", { from: day, to: day, category: "credit_unexplained" });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((each: { id: string }) => each.id === exception.id);
    expect(item.lines).toEqual([
      expect.objectContaining({ id: credit.id, memo: "银联入账 20260407", counterparty: "银联商务股份有限公司" }),
    ]);
    const response = await csvAs("finance", { from: day, to: day }, { "accept-language": "zh-CN" });
    const [header, ...rows] = csvRows(
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()),
    );
    const words = zhReconciliation.Exceptions.csv;
    const row = rows.find((cells) => cells[header.indexOf(words.lineId)] === String(credit.id));
    expect(row?.[header.indexOf(words.memo)]).toBe("银联入账 20260407");
    expect(row?.[header.indexOf(words.counterparty)]).toBe("银联商务股份有限公司");
    // A credit has a date and no time: its date is in the time column, as on the page.
    expect(row?.[header.indexOf(words.time)]).toBe(day);
  });

  test("refusals come before the first byte, as JSON", async () => {
    const refused = await csvAs("cashier");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/json");
    const bad = await csvAs("finance", { category: "nope" });
    expect(bad.status).toBe(400);
  });

  test("50,000 lines stream out in many chunks, every line exactly once", async () => {
    const t1 = merchant.terminal("T1000001");
    const day = "2026-05-15";
    const exceptionCount = 500;
    const linesEach = 100;
    // 500 batch-sized exceptions of 100 lines each, written in two statements (as the import job's
    // bulk writer would; a row-by-row insert would take most of the test's time).
    const now = new Date();
    await prisma.$executeRaw`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${exceptionCount - 1})
      INSERT INTO "ReconException" ("id", "merchantId", "key", "category", "storeId", "tid", "day", "lineCount",
        "amountMinor", "currency", "status", "createdAt", "updatedAt")
      SELECT 'csvx-' || CAST(i + 1000 AS TEXT), ${merchant.merchantId}, 'pos_only:batch:T1000001:' || CAST(i AS TEXT),
        'pos_only', ${t1.storeId}, 'T1000001', ${day}, ${linesEach}, 0, 'CNY', 'open', ${now}, ${now}
      FROM n`;
    await prisma.$executeRaw`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${exceptionCount * linesEach - 1})
      INSERT INTO "ReconLine" ("merchantId", "importId", "source", "lineNo", "storeId", "terminalId", "tid", "txAt",
        "day", "amountMinor", "currency", "rrn", "category", "exceptionId")
      SELECT ${merchant.merchantId}, 'bulk', 'pos', i + 2, ${t1.storeId}, ${t1.id}, 'T1000001', ${`${day} 10:00:00`},
        ${day}, 100 + i, 'CNY', 'B' || CAST(i AS TEXT), 'pos_only', 'csvx-' || CAST(i / ${Prisma.raw(String(linesEach))} + 1000 AS TEXT)
      FROM n`;
    const exceptions = await prisma.reconException.findMany({ where: { id: { startsWith: "csvx-" } } });
    expect(exceptions).toHaveLength(exceptionCount);
    // A staged line of one of them (an import still running) is never exported.
    await insertLine({
      merchantId: merchant.merchantId,
      day,
      category: "staged",
      exceptionId: exceptions[0].id,
      rrn: "STAGED",
    });

    const response = await csvAs("finance", { from: day, to: day });
    expect(response.status).toBe(200);
    const body = response.body;
    if (!body) throw new Error("no body");
    const reader = body.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let chunks = 0;
    let firstChunkRows = -1;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      const part = decoder.decode(value, { stream: true });
      if (chunks === 2) firstChunkRows = part.split("\r\n").length - 1;
      text += part;
    }
    // The header, then one chunk per page of lines: the file was never built whole.
    expect(chunks).toBeGreaterThanOrEqual((exceptionCount * linesEach) / EXPORT_PAGE.lines);
    expect(firstChunkRows).toBeLessThanOrEqual(EXPORT_PAGE.lines);
    const [header, ...rows] = csvRows(text);
    expect(rows.length).toBe(exceptionCount * linesEach);
    const rrnColumn = header.indexOf("RRN");
    const rrns = new Set(rows.map((row) => row[rrnColumn]));
    expect(rrns.size).toBe(exceptionCount * linesEach);
    expect(rrns.has("STAGED")).toBe(false);
  }, 120_000);
});
