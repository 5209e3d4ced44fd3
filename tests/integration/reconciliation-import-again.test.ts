// The same file exported again is not the same bytes: a new title line, an overlapping date range.
// Through the real import job on a real database: a journal exported again brings no line twice
// (no false duplicates, the first lines and their exceptions untouched), an overlapping one brings
// only its new lines, a file holding part of a day keeps every line, and a statement exported
// again leaves its settle date's total and credit as they were.
import "@/tests/integration/reconciliation-import-spool-dir";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { runImport } from "@/lib/reconciliation/import/run-import";
import {
  csv,
  importFile,
  noHeartbeat,
  POS_HEADER,
  queueFile,
  STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

const D = "2026-11-18";
const SETTLE = "2026-11-19";
const MID = "898310048160001";
const CARD = "622202******0128";

const sales = [
  [`${D} 10:00:00`, "T1000001", null, "消费", "100.00", "Q001", "000001", "001", "成功", "是"],
  // a real duplicate: the same card and amount a minute apart, two references
  [`${D} 10:01:00`, "T1000001", CARD, "消费", "25.00", "Q002", "000002", "001", "成功", "是"],
  [`${D} 10:02:00`, "T1000001", CARD, "消费", "25.00", "Q003", "000003", "001", "成功", "是"],
  [`${D} 11:00:00`, "T1000002", null, "消费", "40.00", "Q004", "000004", "002", "成功", "是"],
  // declined, with neither reference nor trace number
  [`${D} 12:00:00`, "T1000002", null, "消费", "9.00", null, null, "002", "失败", "是"],
];
const later = [`${D} 13:00:00`, "T1000001", null, "消费", "60.00", "Q006", "000006", "001", "成功", "是"];

// [time, terminal, card, type, amount, rrn, trace, batch, status, signed] in the generator's columns
const journal = (title: string, rows: (string | null)[][]) =>
  csv([
    [title],
    POS_HEADER,
    ...rows.map(([time, tid, card, type, amount, rrn, trace, batch, status, signed]) => [
      time,
      null,
      tid,
      card,
      type,
      amount,
      rrn,
      null,
      trace,
      batch,
      status,
      signed,
      null,
      null,
      null,
    ]),
  ]);
const statement = (title: string) =>
  csv([
    [title],
    STATEMENT_HEADER,
    [SETTLE, `${D} 10:00:00`, MID, "T1000001", null, "消费", "100.00", "0.00", "100.00", "Q001", "000001", "001"],
    [SETTLE, `${D} 10:01:00`, MID, "T1000001", CARD, "消费", "25.00", "0.00", "25.00", "Q002", "000002", "001"],
    [SETTLE, `${D} 11:00:00`, MID, "T1000002", null, "消费", "40.00", "0.00", "40.00", "Q004", "000004", "002"],
  ]);

let merchantId: string;

async function snapshot() {
  const lines = await prisma.reconLine.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { id: true, category: true, matchedLineId: true, exceptionId: true },
  });
  const exceptions = await prisma.reconException.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { id: true, key: true, status: true, lineCount: true },
  });
  return { lines, exceptions };
}

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
});

describe("a file exported again", () => {
  test("the same journal with another title brings no line twice: no false duplicates, nothing of the first changed", async () => {
    const first = await importFile({ merchantId, type: "pos_journal", content: journal("POS 交易流水 导出 1", sales) });
    expect(first.status).toBe("done");
    const before = await snapshot();
    expect(before.lines.map((line) => line.category)).toEqual([
      "pos_only",
      "pos_only",
      "duplicate",
      "pos_only",
      "declined",
    ]);

    const again = await importFile({ merchantId, type: "pos_journal", content: journal("POS 交易流水 导出 2", sales) });
    expect(again.status).toBe("done");
    expect(JSON.parse(again.report ?? "{}")).toMatchObject({ rows: 5, alreadyImported: 5 });
    expect(await prisma.reconLine.count({ where: { importId: again.id } })).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  test("an overlapping journal brings only its new lines", async () => {
    const before = await snapshot();
    const overlapping = await importFile({
      merchantId,
      type: "pos_journal",
      content: journal("POS 交易流水 11-18", [...sales, later]),
    });
    expect(overlapping.status).toBe("done");
    expect(JSON.parse(overlapping.report ?? "{}")).toMatchObject({ rows: 6, alreadyImported: 5 });
    const added = await prisma.reconLine.findMany({ where: { importId: overlapping.id } });
    expect(added.map((line) => [line.rrn, line.category])).toEqual([["Q006", "pos_only"]]);
    expect((await snapshot()).lines.slice(0, before.lines.length)).toEqual(before.lines);
  });

  test("a file that holds only part of a day keeps every line, even one equal to an earlier line", async () => {
    // The afternoon's export after the whole day was imported: the 13:00 sale's twin, and a second
    // sale equal to it — nothing says which is which, so both come in (a duplicate finance sees).
    const part = await importFile({ merchantId, type: "pos_journal", content: journal("POS 下午", [later, later]) });
    expect(part.status).toBe("done");
    expect(JSON.parse(part.report ?? "{}")).toMatchObject({ rows: 2, alreadyImported: 0 });
    expect(await prisma.reconLine.count({ where: { importId: part.id } })).toBe(2);
  });

  test("a file that covers the day whole leaves out one twin per earlier line and keeps the rest", async () => {
    // The day now holds the five sales and the 13:00 sale three times; this file has them all, and
    // the 13:00 sale a fourth time.
    const whole = await importFile({
      merchantId,
      type: "pos_journal",
      content: journal("POS 全天", [...sales, later, later, later, later]),
    });
    expect(whole.status).toBe("done");
    expect(JSON.parse(whole.report ?? "{}")).toMatchObject({ rows: 9, alreadyImported: 8 });
    const added = await prisma.reconLine.findMany({ where: { importId: whole.id } });
    expect(added.map((line) => line.rrn)).toEqual(["Q006"]);
  });

  test("bank credits: a later export of part of a day keeps an equal credit; the whole day again brings nothing", async () => {
    const bank = (rows: string[][]) => csv([["交易日期", "贷方金额", "摘要", "对方户名"], ...rows]);
    const morning = await importFile({
      merchantId,
      type: "bank_credit",
      content: bank([
        ["2026-11-25", "100.00", "POS settlement", "Acquirer"],
        ["2026-11-25", "50.00", "POS settlement", "Acquirer"],
      ]),
    });
    expect(morning.status).toBe("done");
    // A genuine second credit of 50.00 from the same payer the same day.
    const afternoon = await importFile({
      merchantId,
      type: "bank_credit",
      content: bank([["2026-11-25", "50.00", "POS settlement", "Acquirer"]]),
    });
    expect(JSON.parse(afternoon.report ?? "{}")).toMatchObject({ rows: 1, alreadyImported: 0 });
    expect(await prisma.reconLine.count({ where: { importId: afternoon.id } })).toBe(1);
    const wholeDay = await importFile({
      merchantId,
      type: "bank_credit",
      content: bank([
        ["2026-11-25", "100.00", "POS settlement", "Acquirer"],
        ["2026-11-25", "50.00", "POS settlement", "Acquirer"],
        ["2026-11-25", "50.00", "POS settlement", "Acquirer"],
      ]),
    });
    expect(JSON.parse(wholeDay.report ?? "{}")).toMatchObject({ rows: 3, alreadyImported: 3 });
    expect(await prisma.reconLine.count({ where: { importId: wholeDay.id } })).toBe(0);
  });

  test("a statement exported again leaves its settle date's total and its credit as they were", async () => {
    const first = await importFile({ merchantId, type: "statement", content: statement("对账单 1") });
    expect(first.status).toBe("done");
    const credit = await importFile({
      merchantId,
      type: "bank_credit",
      content: csv([
        ["交易日期", "贷方金额", "摘要", "对方户名"],
        ["2026-11-20", "165.00", "POS settlement", "Acquirer"],
      ]),
    });
    expect(credit.status).toBe("done");
    const settlement = () => prisma.reconSettlement.findFirstOrThrow({ where: { merchantId, settleDate: SETTLE } });
    expect(await settlement()).toMatchObject({ category: "credited", expectedMinor: 16500n });
    const before = await snapshot();

    const again = await importFile({ merchantId, type: "statement", content: statement("对账单 2") });
    expect(again.status).toBe("done");
    expect(JSON.parse(again.report ?? "{}")).toMatchObject({ rows: 3, alreadyImported: 3 });
    expect(await settlement()).toMatchObject({ category: "credited", expectedMinor: 16500n });
    expect(await snapshot()).toEqual(before);
  });

  test("two overlapping files side by side: the one that matches second leaves out the twins the first published", async () => {
    const day = "2026-11-16";
    const rows = [
      [`${day} 09:00:00`, "T1000001", null, "消费", "11.00", "P001", "000101", "001", "成功", "是"],
      [`${day} 09:30:00`, "T1000002", null, "消费", "22.00", "P002", "000102", "002", "成功", "是"],
    ];
    // The second file is staged first and stops before it matches, as a worker does that loses
    // its lease: its staging saw none of the first file's lines, which were not published yet.
    const second = await queueFile({ merchantId, type: "pos_journal", content: journal("导出 B", rows) });
    const stopBeforeMatching = {
      heartbeat: async () => {
        const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: second.id } });
        if (row.status === "matching") throw new Error("lease lost");
      },
    };
    await expect(runImport(second.id, stopBeforeMatching)).rejects.toThrow("lease lost");
    expect(await prisma.reconLine.count({ where: { importId: second.id, category: "staged" } })).toBe(2);

    const first = await importFile({ merchantId, type: "pos_journal", content: journal("导出 A", rows) });
    expect(JSON.parse(first.report ?? "{}")).toMatchObject({ alreadyImported: 0 });

    await runImport(second.id, noHeartbeat);
    const done = await prisma.reconImport.findUniqueOrThrow({ where: { id: second.id } });
    expect(done.status).toBe("done");
    expect(JSON.parse(done.report ?? "{}")).toMatchObject({ rows: 2, alreadyImported: 2, alreadyImportedDays: [day] });
    expect(await prisma.reconLine.count({ where: { merchantId, day } })).toBe(2);
    expect(await prisma.reconLine.count({ where: { merchantId, day, category: "duplicate" } })).toBe(0);
  });
});
