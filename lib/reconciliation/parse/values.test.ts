import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  cleanText,
  compileDatePattern,
  formatMinor,
  parseAmountMinor,
  parseBuiltinDateTime,
  parseSigned,
  parseStatus,
  parseTimeOfDay,
  parseTxType,
  parseWithPattern,
} from "@/lib/reconciliation/parse/values";

describe("amounts", () => {
  test.each([
    ["1,280.50", 128050],
    ["-12.00", -1200],
    ["¥1,280.50", 128050],
    ["￥ 1,280.50 ", 128050],
    ["1280.5", 128050],
    ["1280", 128000],
    ["0.01", 1],
    [".5", 50],
    ["(12.00)", -1200],
    ["+3.10", 310],
    ["12.500", 1250],
    ["1,234,567.89", 123456789],
    ["-0.00", 0],
    ["100元", 10000],
  ])("yuan %s → %i fen", (cell, minor) => {
    expect(parseAmountMinor(cell, "yuan")).toBe(minor);
  });

  test.each(["", "abc", "1.2.3", "12.345", "1,,000", "1,", "--5", "1e3", "12 34", "0x10", "¥", "1234567890123.00"])(
    "yuan %j is not an amount",
    (cell) => {
      expect(parseAmountMinor(cell, "yuan")).toBeNaN();
    },
  );

  test("fen amounts are whole numbers", () => {
    expect(parseAmountMinor("128050", "fen")).toBe(128050);
    expect(parseAmountMinor("-1200", "fen")).toBe(-1200);
    expect(parseAmountMinor("128050.00", "fen")).toBe(128050);
    expect(parseAmountMinor("1280.50", "fen")).toBeNaN();
  });

  test("any amount written with two decimals reads back exactly (no float error)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (minor) => {
        expect(parseAmountMinor(formatMinor(minor), "yuan")).toBe(minor);
        const grouped = (Math.abs(minor) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
        expect(parseAmountMinor(`${minor < 0 ? "-" : ""}${grouped}`, "yuan")).toBe(minor);
      }),
    );
  });
});

describe("dates and times", () => {
  test.each([
    ["2026-11-30 14:03:22", "2026-11-30 14:03:22"],
    ["20261130 140322", "2026-11-30 14:03:22"],
    ["20261130140322", "2026-11-30 14:03:22"],
    ["2026/11/30", "2026-11-30"],
    ["2026/11/30 14:03", "2026-11-30 14:03:00"],
    ["2026-11-30T14:03:22", "2026-11-30 14:03:22"],
    ["2026-11-30T14:03:22.123+08:00", "2026-11-30 14:03:22"],
    ["2026/1/5 9:03:22", "2026-01-05 09:03:22"],
    ["2026年11月30日 14:03:22", "2026-11-30 14:03:22"],
    ["20261130", "2026-11-30"],
    ["2028-02-29 00:00:00", "2028-02-29 00:00:00"],
  ])("%s → %s", (cell, expected) => {
    expect(parseBuiltinDateTime(cell)).toBe(expected);
  });

  test.each([
    "",
    "30/11/2026",
    "2026-13-01",
    "2026-11-31",
    "2027-02-29",
    "2026-11-30 24:00:00",
    "2026-11-30 14:60",
    "hello",
    "2026-11",
    "20261130 1403220",
  ])("%j is not a date", (cell) => {
    expect(parseBuiltinDateTime(cell)).toBeNull();
  });

  test.each([
    ["140322", "14:03:22"],
    ["14:03:22", "14:03:22"],
    ["14:03", "14:03:00"],
    ["90322", "09:03:22"],
    ["9:03:22", "09:03:22"],
    ["1899-12-30 14:03:22", "14:03:22"],
    // 12-hour clocks, as Excel and bank portals write them: 12 AM is midnight, 12 PM noon
    ["2:03:22 PM", "14:03:22"],
    ["2:03 pm", "14:03:00"],
    ["2:03:22 p.m.", "14:03:22"],
    ["12:30:00 PM", "12:30:00"],
    ["12:30:00 AM", "00:30:00"],
    ["9:03:22 AM", "09:03:22"],
    ["下午 2:03:22", "14:03:22"],
    ["上午 12:05", "00:05:00"],
    ["下午12:05:00", "12:05:00"],
  ])("time %s → %s", (cell, expected) => {
    expect(parseTimeOfDay(cell)).toBe(expected);
  });

  test.each([
    ["2026/11/30 2:03:22 PM", "2026-11-30 14:03:22"],
    ["2026-11-30 12:00:00 AM", "2026-11-30 00:00:00"],
    ["2026年11月30日 下午2:03:22", "2026-11-30 14:03:22"],
    ["2026-11-30 上午 9:03", "2026-11-30 09:03:00"],
    ["20261130 下午 020322", "2026-11-30 14:03:22"],
  ])("12-hour date and time %s → %s", (cell, expected) => {
    expect(parseBuiltinDateTime(cell)).toBe(expected);
  });

  // Found by review: exports write a redundant marker after a 24-hour time; it agrees, so it is kept.
  test.each([
    ["14:03:22 PM", "14:03:22"],
    ["下午 14:03:22", "14:03:22"],
    ["下午 13:00", "13:00:00"],
    ["23:59:59 pm", "23:59:59"],
    ["00:15:00 AM", "00:15:00"],
    ["0:30 AM", "00:30:00"],
    ["上午 00:15", "00:15:00"],
    // on a 0–11 clock (午後0時) hour 0 of the afternoon is noon, as 12 PM is
    ["0:30 PM", "12:30:00"],
  ])("24-hour time with a redundant marker %j → %s", (cell, expected) => {
    expect(parseTimeOfDay(cell)).toBe(expected);
  });

  test.each([
    ["2026-11-30 14:03:22 PM", "2026-11-30 14:03:22"],
    ["2026-11-30 下午14:03:22", "2026-11-30 14:03:22"],
    ["2026-11-30 下午 14:03:22", "2026-11-30 14:03:22"],
    ["2026-11-30 00:15:00 AM", "2026-11-30 00:15:00"],
    ["20261130 下午 140322", "2026-11-30 14:03:22"],
  ])("24-hour date and time with a redundant marker %j → %s", (cell, expected) => {
    expect(parseBuiltinDateTime(cell)).toBe(expected);
  });

  // An afternoon hour said to be in the morning contradicts itself: refused, not guessed.
  test.each(["13:00 AM", "23:59:59 am", "上午 14:03:22", "上午14:03", "24:00 PM", "25:00:00 AM", "下午 24:00"])(
    "%j is refused",
    (cell) => {
      expect(parseTimeOfDay(cell)).toBeNull();
    },
  );

  test.each(["2026-11-30 14:03:22 AM", "2026-11-30 上午14:03:22", "20261130 上午 140322", "2026-11-30 24:00:00 PM"])(
    "date and time %j is refused",
    (cell) => {
      expect(parseBuiltinDateTime(cell)).toBeNull();
    },
  );

  test.each(["", "25:00:00", "14:3", "abc", "2026-11-30"])("%j is not a time", (cell) => {
    expect(parseTimeOfDay(cell)).toBeNull();
  });

  test("custom patterns with y M d H m s tokens", () => {
    const compact = compileDatePattern("yyyyMMdd HHmmss");
    const european = compileDatePattern("dd/MM/yyyy HH:mm");
    const loose = compileDatePattern("d.M.yy");
    if (!compact || !european || !loose) throw new Error("patterns should compile");
    expect(parseWithPattern("20261130 140322", compact)).toBe("2026-11-30 14:03:22");
    expect(parseWithPattern("30/11/2026 14:03", european)).toBe("2026-11-30 14:03:00");
    expect(parseWithPattern("5.1.26", loose)).toBe("2026-01-05");
    expect(parseWithPattern("31/11/2026 14:03", european)).toBeNull();
    expect(parseWithPattern("30/11/2026", european)).toBeNull();
    expect(compileDatePattern("HH:mm")).toBeNull();
    expect(compileDatePattern("yyy-MM-dd")).toBeNull();
  });
});

describe("words", () => {
  test.each([
    ["sale", "sale"],
    ["Purchase", "sale"],
    ["消费", "sale"],
    ["VOID", "void"],
    ["撤销", "void"],
    ["消费撤销", "void"],
    ["退货", "refund"],
    ["Refund", "refund"],
    ["冲正", "reversal"],
    ["消费冲正", "reversal"],
    ["撤销冲正", "reversal"],
    [" reversal ", "reversal"],
  ])("type %s → %s", (cell, type) => {
    expect(parseTxType(cell)).toBe(type);
  });

  test("an unknown type, or an object's own property name, is no type", () => {
    expect(parseTxType("transfer")).toBeNull();
    expect(parseTxType("constructor")).toBeNull();
    expect(parseStatus("toString")).toBeNull();
    expect(parseSigned("__proto__")).toBeNull();
  });

  test.each([
    ["成功", true],
    ["失败", false],
    ["Approved", true],
    ["declined", false],
    ["00", true],
    ["05", false],
    ["A0", false],
    ["交易成功", true],
  ])("status %s → %s", (cell, approved) => {
    expect(parseStatus(cell)).toBe(approved);
  });

  test("status that is neither is null", () => {
    expect(parseStatus("pending")).toBeNull();
    expect(parseStatus("")).toBeNull();
  });

  test.each([
    ["Y", true],
    ["N", false],
    ["是", true],
    ["否", false],
    ["yes", true],
    ["No", false],
    ["1", true],
    ["0", false],
  ])("signed %s → %s", (cell, signed) => {
    expect(parseSigned(cell)).toBe(signed);
  });

  test("cells forced to text by a spreadsheet export are unwrapped", () => {
    expect(cleanText('="000123"')).toBe("000123");
    expect(cleanText("'000123")).toBe("000123");
    expect(cleanText("\t T001 ")).toBe("T001");
  });
});
