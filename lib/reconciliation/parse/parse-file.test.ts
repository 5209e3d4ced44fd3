import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { containsPan } from "@/lib/card-data/mask-pan";
import { translateRowErrors } from "@/lib/reconciliation/imports/translate-row-errors";
import { parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import { MAX_CELL_CHARS } from "@/lib/reconciliation/parse/records";
import { chunked, csv, gb18030Bytes, parseBytes, utf8Bytes } from "@/lib/reconciliation/parse/test-files";
import type { BankRecord, CustomFormat, PosRecord, StatementRecord } from "@/lib/reconciliation/types";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

const POS_HEADER = [
  "交易时间",
  "商户号",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "参考号",
  "授权码",
  "凭证号",
  "批次号",
  "交易状态",
  "是否签名",
  "操作员",
];
const posRow = (time: string, type: string, amount: string, rrn: string, status = "成功", signed = "是") => [
  time,
  "898310048160001",
  "t0000001",
  "622202******0128",
  type,
  amount,
  rrn,
  "A12345",
  "000123",
  "000001",
  status,
  signed,
  "张三",
];

const journal = csv([
  ["POS交易流水 2026-11-30"],
  ["导出时间：2026-12-01 08:00"],
  POS_HEADER,
  posRow("2026-11-30 14:03:22", "消费", "1,280.50", "100000000001"),
  posRow("2026-11-30 14:05:00", "消费撤销", "1,280.50", "100000000002"),
  [],
  posRow("2026-11-30 15:00:00", "消费", "-12.00", "100000000003", "失败", "否"),
  ["合计 共3笔", "", "", "", "", "2,549.00", "", "", "", "", "", "", ""],
  ["以下为说明", "", "", "", "", "not an amount"],
]);

const firstRecord: PosRecord = {
  line: 4,
  txAt: "2026-11-30 14:03:22",
  acquirerMid: "898310048160001",
  tid: "T0000001",
  cardMasked: "622202******0128",
  txType: "sale",
  amountMinor: 128050,
  rrn: "100000000001",
  authCode: "A12345",
  traceNo: "000123",
  batchNo: "000001",
  approved: true,
  signed: true,
  operator: "张三",
  origRrn: null,
  origTrace: null,
};

/** A Luhn-valid 16-digit card number, built here so none is written out in the repository. */
const fullPan = `6222021234567${"01"}${luhnCheckDigit("622202123456701")}`;

describe("a POS journal in every encoding", () => {
  const encodings = [
    ["UTF-8", utf8Bytes(journal), "utf-8"],
    ["UTF-8 with BOM", utf8Bytes(journal, true), "utf-8"],
    ["GB18030", gb18030Bytes(journal), "gb18030"],
  ] as const;

  for (const [name, bytes, encoding] of encodings) {
    for (const chunkSize of [3, 64 * 1024]) {
      test(`${name} in ${chunkSize}-byte chunks: title, header, data, blank row and total line`, async () => {
        const result = await parseBytes(bytes, { type: "pos_journal", chunkSize });
        expect(result.encoding).toBe(encoding);
        expect(result.errors).toEqual([]);
        expect(result.header).toEqual({ line: 3, columns: POS_HEADER, terminalColumn: "终端号" });
        expect(result.rowsRead).toBe(3);
        expect(result.records).toHaveLength(3);
        expect(result.records[0]).toEqual(firstRecord);
        expect(result.records.map((record) => record.line)).toEqual([4, 5, 7]);
        const [, voided, declined] = result.records as PosRecord[];
        expect(voided.txType).toBe("void");
        expect(declined).toMatchObject({ approved: false, signed: false, amountMinor: -1200 });
        expect(result.total).toEqual({ line: 8, amountMinor: 254900, count: 3 });
      });
    }
  }
});

test("tab-separated with English headers in another order, quoted cells and a multi-line cell", async () => {
  const text = [
    "Status\tAmount\tRRN\tTerminal ID\tType\tTime\tCard No\tOperator",
    'approved\t"1,000.00"\t200000000001\tT1\tsale\t2026-11-30T09:00:00\t622202******0001\t"Li, ""Lucky"""',
    '00\t5.00\t200000000002\tT1\tpurchase\t20261130 090500\t************0002\t"multi\r\nline"',
    "05\t7.00\t200000000003\tT2\trefund\t20261130090600\t\t",
  ].join("\r\n");
  const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
  expect(result.errors).toEqual([]);
  const records = result.records as PosRecord[];
  expect(records.map((record) => [record.line, record.txAt, record.amountMinor, record.approved])).toEqual([
    [2, "2026-11-30 09:00:00", 100000, true],
    [3, "2026-11-30 09:05:00", 500, true],
    // the quoted line break above is one spreadsheet row, so this is row 4
    [4, "2026-11-30 09:06:00", -700, false], // a refund, stored negative
  ]);
  expect(records[0].operator).toBe('Li, "Lucky"');
  expect(records[1].operator).toBe("multi\r\nline");
  expect(records[1].cardMasked).toBe("******0002");
  expect(records[2]).toMatchObject({ cardMasked: null, signed: null, acquirerMid: null, txType: "refund" });
});

test("a refund is stored negative however the file prints it; the total line is checked as printed", async () => {
  const journal = csv([
    ["交易时间", "终端号", "交易类型", "交易金额", "交易状态"],
    ["2026-11-29 10:00:00", "T1", "消费", "80.00", "成功"],
    ["2026-11-29 10:05:00", "T1", "退货", "30.00", "成功"],
    ["2026-11-29 10:06:00", "T1", "退货", "-20.00", "成功"],
    ["合计", "", "", "90.00", ""],
  ]);
  const pos = await parseBytes(utf8Bytes(journal), { type: "pos_journal" });
  expect(pos.errors).toEqual([]);
  expect((pos.records as PosRecord[]).map((record) => record.amountMinor)).toEqual([8000, -3000, -2000]);
  const statement = csv([
    ["清算日期", "交易时间", "终端号", "交易类型", "交易金额", "手续费", "结算金额"],
    ["2026-11-30", "2026-11-29 10:05:00", "T1", "退货", "30.00", "0.00", "30.00"],
  ]);
  const settled = await parseBytes(utf8Bytes(statement), { type: "statement" });
  expect(settled.errors).toEqual([]);
  expect(settled.records[0]).toMatchObject({ amountMinor: -3000, netMinor: -3000 });
});

test("date and time in separate columns (交易日期 + 交易时间 holding only the time)", async () => {
  const text = csv([
    ["交易日期", "交易时间", "终端号", "交易类型", "金额", "应答码"],
    ["20261130", "140322", "T1", "消费", "1.00", "00"],
    ["2026/11/30", "9:03:22", "T1", "消费", "2.00", "00"],
    ["2026-11-30", "", "T1", "消费", "3.00", "00"],
    ["2026-11-30", "2:03:22 PM", "T1", "消费", "4.00", "00"],
    ["2026-11-30", "下午 2:05:00", "T1", "消费", "5.00", "00"],
    ["2026-11-30", "14:07:00 AM", "T1", "消费", "6.00", "00"], // 14 in the morning: no time at all
    ["2026-11-30", "14:08:00 PM", "T1", "消费", "7.00", "00"], // a 24-hour time with a needless PM
  ]);
  const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
  expect((result.records as PosRecord[]).map((record) => record.txAt)).toEqual([
    "2026-11-30 14:03:22",
    "2026-11-30 09:03:22",
    "2026-11-30 14:03:22",
    "2026-11-30 14:05:00",
    "2026-11-30 14:08:00",
  ]);
  expect(result.errors).toEqual([
    expect.objectContaining({ line: 4, reason: "time_missing" }),
    expect.objectContaining({ line: 7, column: "交易时间", reason: "datetime_invalid" }),
  ]);
});

describe("a unit in the header", () => {
  test("amounts under 交易金额(分) are fen, and the total line too; (元) and no unit are yuan", async () => {
    const text = csv([
      ["交易时间", "终端号", "交易类型", "交易金额(分)", "应答码"],
      ["2026-11-30 14:03:22", "T1", "消费", "128050", "00"],
      ["2026-11-30 14:04:22", "T1", "消费", "1", "00"],
      ["合计", "", "", "128051", ""],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors).toEqual([]);
    expect((result.records as PosRecord[]).map((record) => record.amountMinor)).toEqual([128050, 1]);
    expect(result.total).toEqual({ line: 4, amountMinor: 128051, count: null });
    for (const header of ["交易金额(元)", "Amount (CNY)", "交易金额"]) {
      const yuan = csv([
        ["交易时间", "终端号", "交易类型", header, "应答码"],
        ["2026-11-30 14:03:22", "T1", "消费", "1280.50", "00"],
      ]);
      const read = await parseBytes(utf8Bytes(yuan), { type: "pos_journal" });
      expect((read.records as PosRecord[]).map((record) => record.amountMinor)).toEqual([128050]);
    }
  });

  test("a fen amount column with a decimal point is refused as not fen; two columns in different units refuse the file", async () => {
    const fen = csv([
      ["交易时间", "终端号", "交易类型", "Amount (fen)", "应答码"],
      ["2026-11-30 14:03:22", "T1", "消费", "1280.50", "00"],
    ]);
    const read = await parseBytes(utf8Bytes(fen), { type: "pos_journal" });
    expect(read.errors).toEqual([
      expect.objectContaining({ line: 2, column: "Amount (fen)", reason: "amount_fen_invalid" }),
    ]);
    const mixed = csv([
      ["清算日期", "交易时间", "终端号", "交易类型", "交易金额(元)", "手续费(分)", "结算金额(元)"],
      ["2026-12-01", "2026-11-30 14:03:22", "T1", "消费", "10.00", "6", "9.94"],
    ]);
    const refused = await parseBytes(utf8Bytes(mixed), { type: "statement" });
    expect(refused.records).toEqual([]);
    expect(refused.errors).toEqual([expect.objectContaining({ line: 1, column: null, reason: "amount_units_mixed" })]);
  });
});

describe("total lines", () => {
  /** A sale, a declined sale, a refund and a void, all printed positive; then the total line. */
  const journal = (total: string[]) =>
    csv([
      ["时间", "终端号", "交易类型", "金额", "交易状态"],
      ["2026-11-30 10:00:00", "T1", "消费", "100.00", "成功"],
      ["2026-11-30 10:01:00", "T1", "消费", "20.00", "失败"],
      ["2026-11-30 10:02:00", "T1", "退货", "30.00", "成功"],
      ["2026-11-30 10:03:00", "T1", "撤销", "5.00", "成功"],
      total,
    ]);
  const rows = (total: string[]) =>
    csv([
      ["时间", "终端号", "交易类型", "金额", "交易状态"],
      ["2026-11-30 10:00:00", "T1", "消费", "10.00", "成功"],
      ["2026-11-30 10:01:00", "T1", "消费", "20.50", "成功"],
      total,
    ]);

  test("a total that matches the rows is accepted, with or without a count", async () => {
    for (const total of [
      ["合计", "", "", "30.50", ""],
      ["Total", "2 items", "", "30.50", ""],
      ["总计：", "共 2 笔", "", "¥30.50", ""],
      ["TOTAL (2 rows)", "", "", "30.50", ""],
    ]) {
      const result = await parseBytes(utf8Bytes(rows(total)), { type: "pos_journal" });
      expect(result.errors).toEqual([]);
      expect(result.total?.amountMinor).toBe(3050);
    }
  });

  test("a total of the approved rows only, or net of refunds and voids printed positive, is accepted too", async () => {
    for (const [total, count] of [
      ["155.00", "共 4 笔"], // every row as printed
      ["135.00", "共 3 笔"], // approved only
      ["85.00", "共 4 笔"], // net: refunds and voids taken off
      ["65.00", "共 3 笔"], // approved and net
    ]) {
      const result = await parseBytes(utf8Bytes(journal(["合计", count, "", total, ""])), { type: "pos_journal" });
      expect(result.errors, total).toEqual([]);
    }
    // Any other sum is still a file that does not add up; so is a count no convention gives
    for (const [total, count] of [
      ["150.00", ""],
      ["155.00", "共 2 笔"],
    ]) {
      const result = await parseBytes(utf8Bytes(journal(["合计", count, "", total, ""])), { type: "pos_journal" });
      expect(result.errors.map((error) => error.reason)).toEqual([
        count === "" ? "total_amount_mismatch" : "total_count_mismatch",
      ]);
    }
  });

  test("a bank file's total line counting only its credits is accepted", async () => {
    const text = csv([
      ["记账日期", "摘要", "借方发生额", "贷方发生额"],
      ["2026-12-01", "银联入账", "", "89.40"],
      ["2026-12-01", "手续费", "5.00", ""],
      ["合计", "贷方 1 笔", "5.00", "89.40"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.errors).toEqual([]);
    expect(result.total).toEqual({ line: 4, amountMinor: 8940, count: 1 });
  });

  // A review found a statement's fee and net checked only as printed: its net total refused, a
  // net amount beside printed fee and net accepted. (A count of every row beside an approved-only
  // amount, as portals print it, stays accepted: a truncated file has fewer rows either way.)
  test("a total line's amount and net add up under one convention, its fee under it or as printed, its count under any", async () => {
    // approved only (135.00) beside a count of every row (4), as portals print it; a count no
    // convention gives is still refused
    const mixed = await parseBytes(utf8Bytes(journal(["合计", "共 4 笔", "", "135.00", ""])), { type: "pos_journal" });
    expect(mixed.errors).toEqual([]);
    const wrongCount = await parseBytes(utf8Bytes(journal(["合计", "共 5 笔", "", "135.00", ""])), {
      type: "pos_journal",
    });
    expect(wrongCount.errors.map((error) => error.reason)).toEqual(["total_count_mismatch"]);

    const statement = (total: string[]) =>
      csv([
        ["清算日期", "交易时间", "终端号", "交易类型", "交易金额", "手续费", "结算金额"],
        ["2026-12-01", "2026-11-30 10:00:00", "T1", "消费", "100.00", "0.60", "99.40"],
        ["2026-12-01", "2026-11-30 11:00:00", "T1", "退货", "30.00", "0.18", "29.82"],
        total,
      ]);
    for (const total of [
      ["合计", "", "", "", "130.00", "0.78", "129.22"], // as printed
      ["合计", "", "", "", "70.00", "0.42", "69.58"], // net of the refund, each column
      ["合计", "", "", "", "70.00", "0.78", "69.58"], // net, the fee as printed (kept on the refund)
    ]) {
      const result = await parseBytes(utf8Bytes(statement(total)), { type: "statement" });
      expect(result.errors, total.join()).toEqual([]);
    }
    const netAmountPrintedFee = await parseBytes(
      utf8Bytes(statement(["合计", "", "", "", "70.00", "0.78", "129.22"])),
      {
        type: "statement",
      },
    );
    expect(netAmountPrintedFee.errors.map((error) => [error.column, error.reason])).toEqual([
      ["交易金额", "total_amount_mismatch"],
    ]);
  });

  // A review found a bank file's "Total Credits" under 交易日期 read as a data row with a bad date:
  // the whole file refused. A Total cell where the date, terminal or amount goes is no data.
  test("a bank file's credits-only total is checked against its credits, not its signed debits too", async () => {
    const text = csv([
      ["交易日期", "摘要", "金额"],
      ["2026-12-01", "银联入账", "100.00"],
      ["2026-12-01", "手续费", "-30.00"],
      ["2026-12-02", "银联入账", "50.00"],
      ["Total Credits 2 items", "", "150.00"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.errors).toEqual([]);
    expect(result.total).toEqual({ line: 5, amountMinor: 15000, count: 2 });
  });

  test("a Total and a word in the date column of a bank file is its total line", async () => {
    for (const label of ["Total Credits", "TOTAL DEPOSITS", "Total 2 items"]) {
      const text = csv([
        ["交易日期", "摘要", "贷方金额"],
        ["2026-12-01", "银联入账", "100.00"],
        ["2026-12-02", "银联入账", "50.00"],
        [label, "", "150.00"],
      ]);
      const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
      expect(result.errors, label).toEqual([]);
      expect(result.records, label).toHaveLength(2);
      expect(result.total, label).toEqual({ line: 4, amountMinor: 15000, count: label.includes("2") ? 2 : null });
    }
  });

  test("an amount that differs (a truncated download) is an error at the total line, in the amount column", async () => {
    const result = await parseBytes(utf8Bytes(rows(["合计", "", "", "130.50", ""])), { type: "pos_journal" });
    expect(result.errors).toEqual([
      {
        line: 4,
        column: "金额",
        reason: "total_amount_mismatch",
        params: { expected: "130.50", actual: "30.50" },
        message: "The total line says 130.50 but the rows add up to 30.50: the file may be incomplete.",
      },
    ]);
    expect(result.total).toEqual({ line: 4, amountMinor: 13050, count: null });
  });

  test("a count that differs is an error, and a count under a 笔数 header is read as a bare integer", async () => {
    const wrongCount = await parseBytes(utf8Bytes(rows(["合计 共3笔", "", "", "30.50", ""])), { type: "pos_journal" });
    expect(wrongCount.errors).toEqual([
      expect.objectContaining({
        line: 4,
        column: null,
        reason: "total_count_mismatch",
        params: { expected: 3, actual: 2 },
      }),
    ]);
    const text = csv([
      ["时间", "终端号", "交易类型", "金额", "交易状态", "笔数"],
      ["2026-11-30 10:00:00", "T1", "消费", "10.00", "成功", ""],
      ["Total", "", "", "10.00", "", "5"],
    ]);
    const counted = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(counted.errors.map((error) => error.reason)).toEqual(["total_count_mismatch"]);
    expect(counted.total?.count).toBe(5);
  });

  // A review found every row below the first total line dropped unchecked: a subtotal taken for
  // the total, and the sections after it imported as if they were never in the file.
  test("data below the total line (a subtotal, a second section) refuses the file at that row", async () => {
    const text = csv([
      ["时间", "终端号", "交易类型", "金额", "交易状态"],
      ["2026-11-30 10:00:00", "T1", "消费", "10.00", "成功"],
      ["合计", "", "", "10.00", ""],
      ["2026-11-30 11:00:00", "T2", "消费", "20.50", "成功"],
      ["合计", "", "", "20.50", ""],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 4, column: null, reason: "data_after_total", params: { totalLine: 3 } }),
    ]);
  });

  test("a footer below the total line (who made it, when, a note) is no data", async () => {
    for (const footer of [
      ["制表人：张三", "", "", "", ""],
      ["打印时间：2026-12-01 09:00:00", "", "", "", ""],
      ["2026-12-01", "", "", "", ""],
      ["备注", "T1", "消费", "本页金额单位：元", "成功"],
    ]) {
      const result = await parseBytes(utf8Bytes(rows(["合计", "", "", "30.50", ""]) + csv([footer])), {
        type: "pos_journal",
      });
      expect(result.errors, footer[0]).toEqual([]);
      expect(result.records).toHaveLength(2);
    }
  });

  test("a company named Total… in the first column is data, not a total line", async () => {
    const text = csv([
      ["对方户名", "交易日期", "贷方金额"],
      ["TotalEnergies", "2026-11-30", "10.00"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.total).toBeNull();
    expect(result.records).toHaveLength(1);
  });

  test("a company named Total and a word (Total Energies Ltd) is data; a Total with words on a row without a date is the total", async () => {
    const text = csv([
      ["对方户名", "交易日期", "贷方金额"],
      ["Total Energies Ltd", "2026-11-30", "10.00"],
      ["TOTAL ENERGIES", "2026-11-30", "2.50"],
      ["Total amount", "", "12.50"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.errors).toEqual([]);
    expect((result.records as BankRecord[]).map((record) => [record.line, record.amountMinor])).toEqual([
      [2, 1000],
      [3, 250],
    ]);
    expect(result.total).toEqual({ line: 4, amountMinor: 1250, count: null });
  });
});

test("a statement with settle date, fee and net, its total checked on all three", async () => {
  const text = csv([
    [
      "清算日期",
      "交易日期",
      "交易时间",
      "商户编号",
      "终端编号",
      "交易卡号",
      "交易类型",
      "交易金额",
      "手续费",
      "结算金额",
      "系统参考号",
      "流水号",
    ],
    ["20261201", "20261130", "140322", "M1", "T1", "622202******0128", "消费", "100.00", "0.60", "99.40", "1", "11"],
    ["20261201", "20261130", "150000", "M1", "T1", "622202******0128", "退货", "-10.00", "0.00", "-10.00", "2", "12"],
    ["合计", "", "", "", "", "", "", "90.00", "0.60", "89.41"],
  ]);
  const result = await parseBytes(utf8Bytes(text), { type: "statement" });
  const [sale] = result.records as StatementRecord[];
  expect(sale).toEqual({
    line: 2,
    settleDate: "2026-12-01",
    txAt: "2026-11-30 14:03:22",
    acquirerMid: "M1",
    tid: "T1",
    cardMasked: "622202******0128",
    txType: "sale",
    amountMinor: 10000,
    feeMinor: 60,
    netMinor: 9940,
    rrn: "1",
    traceNo: "11",
    batchNo: null,
  });
  expect(result.errors).toEqual([
    expect.objectContaining({ line: 4, column: "结算金额", reason: "total_amount_mismatch" }),
  ]);
});

test("bank credits: debit lines (empty credit) are skipped without error, memo and counterparty kept", async () => {
  const text = csv([
    ["记账日期", "摘要", "借方发生额", "贷方发生额", "对方户名"],
    ["2026-12-01", "银联入账", "", "89.40", "银联商务"],
    ["2026-12-01", "手续费", "5.00", "", ""],
    ["2026-12-02", "", "", "1,000.00", ""],
    ["合计", "", "5.00", "1,089.40", ""],
  ]);
  const result = await parseBytes(gb18030Bytes(text), { type: "bank_credit" });
  expect(result.errors).toEqual([]);
  expect(result.rowsRead).toBe(3);
  expect(result.records as BankRecord[]).toEqual([
    { line: 2, date: "2026-12-01", amountMinor: 8940, memo: "银联入账", counterparty: "银联商务" },
    { line: 4, date: "2026-12-02", amountMinor: 100000, memo: null, counterparty: null },
  ]);
});

test("a saved custom format: mapping, amounts in fen, a date pattern and rows to skip", async () => {
  const format: CustomFormat = {
    type: "pos_journal",
    mapping: { txAt: "TXN_DT", tid: "TERM", txType: "KIND", amount: "AMT_FEN", status: "RESP", rrn: "REF" },
    datePattern: "dd/MM/yyyy HH:mm",
    amountUnit: "fen",
    skipRows: 2,
  };
  const text = csv([
    ["Acquirer X"],
    ["TXN_DT", "looks like a header but is skipped"],
    ["REF", "TERM", "KIND", "AMT_FEN", "RESP", "TXN_DT", "终端号"],
    ["9", "T1", "sale", "128050", "00", "30/11/2026 14:03", "ignored"],
    ["10", "T1", "sale", "1280.50", "00", "2026-11-30 14:04:00", "ignored"],
  ]);
  const result = await parseBytes(utf8Bytes(text), { type: "pos_journal", format });
  expect(result.header.line).toBe(3);
  expect(result.records).toEqual([
    expect.objectContaining({ line: 4, txAt: "2026-11-30 14:03:00", amountMinor: 128050 }),
  ]);
  expect(result.errors).toEqual([
    expect.objectContaining({ line: 5, column: "AMT_FEN", reason: "amount_fen_invalid", params: { value: "1280.50" } }),
  ]);
});

describe("header problems stop the parse with one error per missing column", () => {
  test("a header without the amount column", async () => {
    const text = csv([
      ["标题"],
      ["交易时间", "终端号", "交易类型", "交易状态"],
      ["2026-11-30 10:00:00", "T1", "消费", "成功"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: "交易金额",
        reason: "column_missing",
        params: { column: "交易金额" },
      }),
    ]);
    expect(result.rowsRead).toBe(0);
    expect(result.records).toEqual([]);
  });

  test("no header at all, and an empty file", async () => {
    const none = await parseBytes(utf8Bytes("just,some\nwords,here\n"), { type: "bank_credit" });
    expect(none.errors).toEqual([expect.objectContaining({ line: 1, reason: "no_header_row" })]);
    const empty = await parseBytes(new Uint8Array(0), { type: "bank_credit" });
    expect(empty.errors).toEqual([expect.objectContaining({ line: 1, reason: "file_empty" })]);
  });

  test("no header: the column to look for is named in each reader's language, and no column is blamed", async () => {
    const none = await parseBytes(utf8Bytes("just,some\nwords,here\n"), { type: "pos_journal" });
    expect(none.errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: null,
        reason: "no_header_row",
        params: { rows: 30, column: "terminal id", chineseColumn: "终端号" },
      }),
    ]);
    const [zh] = await translateRowErrors(none.errors, "zh-CN");
    expect(zh.message).toContain("“终端号”");
    const [en] = await translateRowErrors(none.errors, "en");
    expect(en.message).toContain("“terminal id”");
    // An import that failed before still reads its error, stored with the one name it had then.
    const stored = {
      line: 1,
      column: "终端号",
      message: "",
      reason: "header_not_found",
      params: { rows: 30, column: "终端号" },
    };
    const [old] = await translateRowErrors([stored], "zh-CN");
    expect(old.message).toBe("前 30 行中找不到表头：应有“终端号”列。");
  });

  test("a saved format that maps the date and time, on a file without its date column, names that column", async () => {
    const format: CustomFormat = {
      type: "pos_journal",
      mapping: { date: "TXN_DATE", time: "TXN_TIME", tid: "TID", txType: "KIND", amount: "AMT", status: "RESULT" },
      datePattern: null,
      amountUnit: "yuan",
      skipRows: 0,
    };
    const text = "TXN_TIME,TID,KIND,AMT,RESULT\n10:00:00,T1,消费,1.00,成功\n";
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal", format });
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: "TXN_DATE",
        reason: "column_missing",
        params: { column: "TXN_DATE" },
      }),
    ]);
    expect(JSON.stringify(result.errors)).not.toContain("txAt");
  });

  test("a saved format whose columns are not in the file names the format's header", async () => {
    const format: CustomFormat = {
      type: "bank_credit",
      mapping: { date: "POST_DATE", amount: "CR" },
      datePattern: null,
      amountUnit: "yuan",
      skipRows: 0,
    };
    const result = await parseBytes(utf8Bytes("POST_DATE,DR\n2026-12-01,1\n"), { type: "bank_credit", format });
    expect(result.errors).toEqual([expect.objectContaining({ line: 1, column: "CR", reason: "column_missing" })]);
  });
});

describe("row errors", () => {
  test("each bad cell at its spreadsheet row and column, rows with errors never passed on", async () => {
    const text = csv([
      ["title line"],
      ["交易时间", "终端号", "交易类型", "金额", "交易状态", "是否签名", "卡号"],
      ["2026-11-31 10:00:00", "T1", "消费", "abc", "成功", "Y", ""],
      ['"note"', "", "转账", "1.00", "处理中", "maybe", "hello"],
      ["2026-11-30 10:00:00", "T1", "消费", "1.00", "成功", "", ""],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors.map((error) => [error.line, error.column, error.reason])).toEqual([
      [3, "交易时间", "datetime_invalid"],
      [3, "金额", "amount_invalid"],
      [4, "交易时间", "datetime_invalid"],
      [4, "终端号", "value_required"],
      [4, "卡号", "card_invalid"],
      [4, "交易类型", "tx_type_unknown"],
      [4, "交易状态", "status_unknown"],
      [4, "是否签名", "signed_invalid"],
    ]);
    expect(result.errorCount).toBe(8);
    expect(result.records.map((record) => record.line)).toEqual([5]);
    expect(result.rowsRead).toBe(3);
  });

  test("a cell longer than a field can be is refused at its line and column; one at the limit is kept", async () => {
    const text = csv([
      ["日期", "贷方金额", "摘要", "对方户名"],
      ["2026-12-01", "1.00", "银".repeat(MAX_CELL_CHARS), "银联商务"],
      ["2026-12-01", "2.00", "x".repeat(MAX_CELL_CHARS + 1), "银联商务"],
      ["2026-12-01", "3.00", "ok", "y".repeat(1_000_000)],
      // a debit line of the account (no credit) is skipped, whatever its memo
      ["2026-12-01", "", "z".repeat(MAX_CELL_CHARS + 1), "\ufffd"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 3, column: "摘要", reason: "value_too_long", params: { max: MAX_CELL_CHARS } }),
      expect.objectContaining({ line: 4, column: "对方户名", reason: "value_too_long" }),
    ]);
    expect((result.records as BankRecord[]).map((record) => record.memo?.length)).toEqual([MAX_CELL_CHARS]);
  });

  test("a required cell that is too long has that one error, not also 'required'", async () => {
    const text = csv([
      ["交易时间", "终端号", "交易类型", "金额", "交易状态"],
      ["2026-11-30 10:00:00", "T".repeat(MAX_CELL_CHARS + 1), "消费", "1.00", "成功"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors.map((error) => [error.line, error.column, error.reason])).toEqual([
      [2, "终端号", "value_too_long"],
    ]);
  });

  test("at most maxErrors are kept, errorCount counts them all, and parsing goes on", async () => {
    const rows = [["日期", "金额"]];
    for (let i = 0; i < 250; i++) rows.push(["2026-12-01", i % 2 === 0 ? "bad" : "1.00"]);
    const result = await parseBytes(utf8Bytes(csv(rows)), { type: "bank_credit" });
    expect(result.errorCount).toBe(125);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99].line).toBe(2 + 99 * 2);
    expect(result.records).toHaveLength(125);
    const few = await parseBytes(utf8Bytes(csv(rows)), { type: "bank_credit", maxErrors: 3 });
    expect(few.errors).toHaveLength(3);
    expect(few.errorCount).toBe(125);
  });

  test("a quote that never closes is reported at the row it opens in", async () => {
    const text = `日期,金额,摘要\r\n2026-12-01,1.00,ok\r\n2026-12-01,2.00,"never closed\r\n2026-12-02,3.00,x\r\n`;
    const result = await parseBytes(utf8Bytes(text), { type: "bank_credit" });
    expect(result.errors).toEqual([expect.objectContaining({ line: 3, reason: "quote_unterminated" })]);
  });
});

test("full card numbers in any column are masked before leaving the parser and counted", async () => {
  const text = csv([
    ["交易时间", "终端号", "卡号", "交易类型", "金额", "交易状态", "操作员", "备注（未映射）"],
    ["2026-11-30 10:00:00", "T1", fullPan, "消费", "1.00", "成功", `卡 ${fullPan}`, `客户卡号 ${fullPan}`],
  ]);
  const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
  expect(result.errors).toEqual([]);
  expect(result.pansMasked).toBe(3);
  const [record] = result.records as PosRecord[];
  expect(record.cardMasked).toBe(`${fullPan.slice(0, 6)}******${fullPan.slice(-4)}`);
  expect(record.operator).toBe(`卡 ****${fullPan.slice(-4)}`);
  expect(containsPan(JSON.stringify(result.records))).toBe(false);
});

test("a card number written with slashes, underscores or colons is masked in a stored cell and in an error", async () => {
  const slashed = [fullPan.slice(0, 4), fullPan.slice(4, 8), fullPan.slice(8, 12), fullPan.slice(12)];
  const text = csv([
    ["交易时间", "终端号", "卡号", "交易类型", "金额", "交易状态", "操作员"],
    ["2026-11-30 10:00:00", "T1", slashed.join("/"), "消费", "1.00", "成功", ""],
    ["2026-11-30 10:01:00", "T1", "", slashed.join("_"), "1.00", "成功", `卡 ${slashed.join(":")}`],
    ["2026-11-30 10:02:00", "T1", "", "消费", "1.00", "成功", `卡 ${slashed.join("_")} 2026/11/30`],
  ]);
  const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
  expect(result.errors.map((error) => [error.line, error.reason])).toEqual([
    [2, "card_invalid"],
    [3, "tx_type_unknown"],
  ]);
  const said = JSON.stringify(result.errors).replace(/\D/g, "");
  expect(said).not.toContain(fullPan);
  expect(JSON.stringify(result.errors)).toContain(`****${fullPan.slice(-4)}`);
  const [record] = result.records as PosRecord[];
  expect(record.operator).toBe(`卡 ****${fullPan.slice(-4)} 2026/11/30`);
  expect(result.pansMasked).toBe(1);
});

describe("text in other encodings", () => {
  const bank = [
    ["交易日期", "贷方金额", "摘要"],
    ["2026-12-01", "1,280.50", "银联入账"],
  ];

  test.each([
    ["UTF-16LE, tab-separated (Excel's Unicode text)", "utf16le" as const],
    ["UTF-16BE", "utf16be" as const],
  ])("%s is read as the text it is", async (_, order) => {
    const text = csv(bank, { delimiter: "\t" });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const bytes = order === "utf16le" ? le : Buffer.from(le).swap16();
    const result = await parseBytes(new Uint8Array(bytes), { type: "bank_credit" });
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe(order === "utf16le" ? "utf-16le" : "utf-16be");
    expect(result.records).toEqual([expect.objectContaining({ line: 2, amountMinor: 128050, memo: "银联入账" })]);
  });

  test("a GBK line inside a UTF-8 file is refused at its line and column, not stored as replacement characters", async () => {
    // Past the 64 KB the encoding is decided on, as such a line usually is.
    const rows = Array.from({ length: 3000 }, () => ["2026-12-02", "2.00", "银联入账 好的"]);
    const head = utf8Bytes(csv([...bank, ...rows]));
    const gbkLine = gb18030Bytes(csv([["2026-12-03", "3.00", "银联入账"]]));
    const result = await parseBytes(new Uint8Array([...head, ...gbkLine]), { type: "bank_credit" });
    expect(head.length).toBeGreaterThan(64 * 1024);
    expect(result.encoding).toBe("utf-8");
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 3003, column: "摘要", reason: "text_undecodable" }),
    ]);
  });

  test("GBK behind a UTF-8 byte-order mark is read as GBK, not as replacement characters", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...gb18030Bytes(csv(bank))]);
    const result = await parseBytes(bytes, { type: "bank_credit" });
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([expect.objectContaining({ line: 2, memo: "银联入账" })]);
  });

  test.each([
    ["GBK", "gb18030", gb18030Bytes],
    ["UTF-8", "utf-8", (text: string) => utf8Bytes(text)],
  ] as const)("%s whose first Chinese comes after megabytes of ASCII is read as %s", async (_, encoding, encode) => {
    // An English header and 40,000 credits with ASCII memos (1.3 MB, past any head), then Chinese
    const rows = Array.from({ length: 40_000 }, (_, i) => ["2026-12-01", "1.00", `UnionPay settlement ${i}`]);
    const text = csv([["Date", "Credit", "Memo"], ...rows, ["2026-12-02", "2.00", "银联入账"]]);
    const bytes = encode(text);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const result = await parseBytes(bytes, { type: "bank_credit", chunkSize: 64 * 1024 });
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe(encoding);
    expect(result.records).toHaveLength(40_001);
    expect(result.records.at(-1)).toEqual(expect.objectContaining({ line: 40_002, memo: "银联入账" }));
  });
});

test("XLSX: first sheet, date and time cells as wall clock, numbers as amounts", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("流水");
  sheet.addRow(["POS流水"]);
  sheet.addRow(["交易日期", "交易时间", "终端号", "交易类型", "交易金额", "交易状态", "参考号"]);
  // Excel stores wall clock; exceljs writes a Date's UTC fields as that wall clock
  const date = new Date(Date.UTC(2026, 10, 30));
  const time = new Date(Date.UTC(1899, 11, 30, 23, 59, 58));
  sheet.addRow([date, time, "T1", "消费", 1280.5, "成功", "100000000001"]);
  sheet.addRow([new Date(Date.UTC(2026, 10, 30, 0, 30, 0)), null, "T1", "退货", -12, "成功", 100000000002]);
  sheet.addRow([]);
  sheet.addRow(["合计", null, null, null, 1268.5]);
  workbook.addWorksheet("second").addRow(["not read"]);
  sheet.getColumn(1).numFmt = "yyyy-mm-dd";
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

  const result = await parseBytes(bytes, { type: "pos_journal", chunkSize: 1000 });
  expect(result.encoding).toBe("xlsx");
  expect(result.errors).toEqual([]);
  expect(
    (result.records as PosRecord[]).map((record) => [record.line, record.txAt, record.amountMinor, record.rrn]),
  ).toEqual([
    [3, "2026-11-30 23:59:58", 128050, "100000000001"],
    [4, "2026-11-30 00:30:00", -1200, "100000000002"],
  ]);
  expect(result.total).toEqual({ line: 6, amountMinor: 126850, count: null });
});

test("a damaged XLSX is a row error, not a crash", async () => {
  const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("not really a zip".repeat(100))]);
  const result = await parseBytes(bytes, { type: "pos_journal" });
  expect(result.errors.map((error) => error.reason)).toEqual(["file_unreadable"]);
});

test("batches of batchSize, each awaited before the next rows are read; progress reported", async () => {
  const rows = [["日期", "金额"]];
  for (let i = 0; i < 25; i++) rows.push(["2026-12-01", "1.00"]);
  const events: string[] = [];
  const progress: number[] = [];
  const result = await parseImportFile(chunked(utf8Bytes(csv(rows)), 16), {
    type: "bank_credit",
    batchSize: 10,
    onBatch: async (batch) => {
      events.push(`start ${batch.length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push("end");
    },
    onProgress: (rowsRead) => progress.push(rowsRead),
  });
  expect(events).toEqual(["start 10", "end", "start 10", "end", "start 5", "end"]);
  expect(progress.at(-1)).toBe(25);
  expect(result.rowsRead).toBe(25);
});

test("a failing source is the caller's error, thrown as is", async () => {
  async function* broken() {
    yield utf8Bytes("日期,金额\n2026-12-01,1.00\n");
    throw new Error("disk gone");
  }
  await expect(parseImportFile(broken(), { type: "bank_credit", onBatch: () => {} })).rejects.toThrow("disk gone");
});

test("a failing onBatch (the caller's database, its job's lease) is the caller's error, thrown as is", async () => {
  const rows = [["日期", "金额"]];
  for (let i = 0; i < 25; i++) rows.push(["2026-12-01", "1.00"]);
  const seen: number[] = [];
  const parsing = parseImportFile(chunked(utf8Bytes(csv(rows)), 16), {
    type: "bank_credit",
    batchSize: 10,
    onBatch: async (batch) => {
      seen.push(batch.length);
      if (seen.length === 2) throw new Error("lease lost to another worker");
    },
  });
  // Not "file_unreadable": the file is fine, and the import must not be failed for it.
  await expect(parsing).rejects.toThrow("lease lost to another worker");
  expect(seen).toEqual([10, 10]);
});

describe("a file of another kind than the one chosen", () => {
  const journal = [
    ["POS 交易流水"],
    ["交易时间", "终端号", "卡号", "交易类型", "交易金额", "参考号", "凭证号", "批次号", "交易状态"],
    ["2026-11-30 10:00:00", "T1000001", "622202******0128", "消费", "31.00", "R1", "000001", "000045", "成功"],
  ];
  const statement = [
    ["清算日期", "交易时间", "终端号", "卡号", "交易类型", "交易金额", "手续费", "结算金额", "参考号", "凭证号"],
    ["2026-12-01", "2026-11-30 10:00:00", "T1000001", "622202******0128", "消费", "31.00", "0.20", "30.80", "R1", "1"],
  ];
  const bank = [
    ["交易日期", "贷方金额", "摘要", "对方户名"],
    ["2026-12-01", "30.80", "银联入账", "银联商务"],
  ];

  test.each([
    ["a POS journal chosen as a statement", journal, "statement", "looks_like_pos_journal", 2],
    ["a POS journal chosen as bank credits", journal, "bank_credit", "looks_like_pos_journal", 2],
    ["a statement chosen as a POS journal", statement, "pos_journal", "looks_like_statement", 1],
    ["a statement chosen as bank credits", statement, "bank_credit", "looks_like_statement", 1],
    ["bank credits chosen as a POS journal", bank, "pos_journal", "looks_like_bank_credit", 1],
    ["bank credits chosen as a statement", bank, "statement", "looks_like_bank_credit", 1],
  ] as const)("%s: refused with one error saying which kind it looks like", async (_, rows, type, reason, line) => {
    const result = await parseBytes(utf8Bytes(csv(rows.map((row) => [...row]))), { type });
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ line, column: null, reason })]);
    expect(result.errors[0].message).toContain("every column of");
  });

  // Found by review: a bank file needs only a date and an amount, which any journal has.
  test.each([
    ["Date,Time,Terminal ID,Type,Amount", "pos_journal"],
    ["交易日期,交易时间,终端号,交易类型,交易金额", "pos_journal"],
    ["Settle Date,Date,Time,Terminal ID,Type,Amount,Net", "statement"],
  ] as const)("%s as %s, a column short, is not taken for bank credits: the column is named", async (header, type) => {
    const result = await parseBytes(utf8Bytes(`${header}\r\n`), { type });
    expect(result.errors.map((error) => error.reason)).not.toContain("looks_like_bank_credit");
    expect(result.errors[0]).toMatchObject({ reason: "column_missing" });
  });

  test("a header missing a column of the kind chosen, and of no other kind, still names the column", async () => {
    const result = await parseBytes(utf8Bytes(csv([statement[0].slice(1), statement[1].slice(1)])), {
      type: "statement",
    });
    expect(result.errors).toEqual([expect.objectContaining({ reason: "column_missing" })]);
  });
});

// Found by review: `交易金额（单位：分）` and `Amount (CNY, fen)` were read as yuan, a hundred times too much.
test.each(["交易金额（单位：分）", "交易金额(单位:分)", "Amount (CNY, fen)", "Amount (in cents)"])(
  "amounts under %j are read in fen",
  async (header) => {
    const text = csv([
      ["交易时间", "终端号", "交易类型", header, "应答码"],
      ["2026-11-30 14:03:22", "T1", "消费", "128050", "00"],
    ]);
    const result = await parseBytes(utf8Bytes(text), { type: "pos_journal" });
    expect(result.errors).toEqual([]);
    expect((result.records as PosRecord[]).map((record) => record.amountMinor)).toEqual([128050]);
  },
);
