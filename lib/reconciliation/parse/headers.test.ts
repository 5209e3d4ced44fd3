import fc from "fast-check";
import { expect, test } from "vitest";
import { matchHeader, normaliseHeader, statedAmountUnit } from "@/lib/reconciliation/parse/headers";

test("header names are compared without case, spaces, separators or a unit in brackets", () => {
  expect(normaliseHeader(" Terminal_ID ")).toBe("terminalid");
  expect(normaliseHeader("交易金额（元）")).toBe("交易金额");
  expect(normaliseHeader("Amount (CNY)")).toBe("amount");
  expect(normaliseHeader("Trace No.")).toBe("traceno");
});

const ENGLISH = [
  "Time",
  "Merchant ID",
  "Terminal ID",
  "Card",
  "Type",
  "Amount",
  "RRN",
  "Auth Code",
  "Trace No",
  "Batch No",
  "Status",
  "Signed",
  "Operator",
  "Original RRN",
  "Original Trace",
];
const CHINESE = [
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
  "原参考号",
  "原凭证号",
];
const FIELDS = [
  "txAt",
  "acquirerMid",
  "tid",
  "card",
  "txType",
  "amount",
  "rrn",
  "authCode",
  "traceNo",
  "batchNo",
  "status",
  "signed",
  "operator",
  "origRrn",
  "origTrace",
];

test("POS headers in English or Chinese, in any order, map every field to its column", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(ENGLISH, CHINESE),
      fc.shuffledSubarray(
        FIELDS.map((_, index) => index),
        { minLength: FIELDS.length },
      ),
      (names, order) => {
        const cells = order.map((index) => names[index]);
        const { columns, missing } = matchHeader(cells, "pos_journal");
        expect(missing).toEqual([]);
        order.forEach((index, column) => {
          expect(columns[FIELDS[index] as keyof typeof columns]).toBe(column);
        });
      },
    ),
  );
});

test("statement and bank aliases; a bank's credit column wins over a generic amount", () => {
  const statement = matchHeader(
    ["清算日期", "交易日期", "交易时间", "终端编号", "交易类型", "金额", "手续费", "清算金额", "系统参考号"],
    "statement",
  );
  expect(statement.missing).toEqual([]);
  expect(statement.columns).toMatchObject({
    settleDate: 0,
    date: 1,
    txAt: 2,
    tid: 3,
    amount: 5,
    fee: 6,
    net: 7,
    rrn: 8,
  });
  const bank = matchHeader(["交易日期", "金额", "贷方发生额", "用途", "对方账户名称"], "bank_credit");
  expect(bank.columns).toEqual({ date: 0, amount: 2, memo: 3, counterparty: 4 });
});

test("a missing required column is named in the header's language", () => {
  expect(matchHeader(["交易时间", "终端号", "交易类型", "交易状态"], "pos_journal").missing).toEqual(["交易金额"]);
  expect(matchHeader(["Time", "Terminal ID", "Type", "Status"], "pos_journal").missing).toEqual(["amount"]);
  expect(matchHeader(["终端号"], "statement").missing).toEqual([
    "清算日期",
    "交易时间",
    "交易类型",
    "交易金额",
    "手续费",
    "结算金额",
  ]);
});

// Found by review: real headers state the unit with 单位:, full-width brackets, a currency beside it.
test.each([
  ["交易金额(分)", "fen"],
  ["交易金额(单位:分)", "fen"],
  ["交易金额（单位：分）", "fen"],
  ["交易金额(单位: 分)", "fen"],
  ["Amount (fen)", "fen"],
  ["Amount (CNY, fen)", "fen"],
  ["Amount (RMB/cents)", "fen"],
  ["Amount (in cents)", "fen"],
  ["Amount [unit: cent]", "fen"],
  ["交易金额（人民币，单位：分）", "fen"],
  // and in a phrase (found by a second review)
  ["交易金额(单位为分)", "fen"],
  ["交易金额（以分为单位）", "fen"],
  ["交易金额（以分计）", "fen"],
  ["交易金额（单位为元）", "yuan"],
  ["交易金额(元)", "yuan"],
  ["交易金额（单位：元）", "yuan"],
  ["金额(元/笔)", "yuan"],
  ["Amount (CNY)", "yuan"],
  ["Amount (in yuan)", "yuan"],
  ["Amount (¥)", "yuan"],
  ["交易金额", null],
  ["Amount (per line)", null],
  ["Amount (unit)", null],
])("%j states its amounts in %s", (header, unit) => {
  expect(statedAmountUnit([header], { amount: 0 })).toBe(unit);
});

test("a currency beside the fen column's unit does not make the file mixed; yuan beside fen does", () => {
  const columns = { amount: 0, fee: 1, net: 2 };
  expect(statedAmountUnit(["Amount (CNY, fen)", "Fee (fen)", "Net (fen)"], columns)).toBe("fen");
  expect(statedAmountUnit(["交易金额（单位：分）", "手续费(分)", "结算金额"], columns)).toBe("fen");
  expect(statedAmountUnit(["交易金额(元)", "手续费（单位：分）", "结算金额(元)"], columns)).toBe("mixed");
  expect(statedAmountUnit(["Amount (CNY)", "Fee (in cents)", "Net"], columns)).toBe("mixed");
});
