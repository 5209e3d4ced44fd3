import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FILE_NAME_MAX, storedFileName } from "@/lib/reconciliation/imports/file-name";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

describe("storedFileName", () => {
  test("keeps an ordinary name as it is, Chinese and emoji included", () => {
    expect(storedFileName("工商银行对账单 2026-11.csv")).toBe("工商银行对账单 2026-11.csv");
    expect(storedFileName("日结😀.xlsx")).toBe("日结😀.xlsx");
    expect(storedFileName("")).toBe("");
  });

  test("masks a card number in the name", () => {
    const body15 = "622202765432101";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    expect(storedFileName(`refund ${pan}.csv`)).toBe(`refund 622202******${pan.slice(-4)}.csv`);
    const underscored = [pan.slice(0, 4), pan.slice(4, 8), pan.slice(8, 12), pan.slice(12)].join("_");
    expect(storedFileName(`refund_${underscored}.csv`)).toBe(`refund_6222_02**_****_${pan.slice(12)}.csv`);
  });

  test.each([
    ["NUL", "a\u0000.csv"],
    ["a bell", "a\u0007.csv"],
    ["a line break", "a\n.csv"],
    ["DEL", "a\u007f.csv"],
    ["a C1 control", "a\u0085.csv"],
    ["the replacement character (bytes that were not UTF-8)", "\ufffd\ufffd.csv"],
    ["a lone high surrogate", "a\ud83d.csv"],
    ["a lone low surrogate", "a\ude00.csv"],
  ])("refuses a name with %s", (_, name) => {
    expect(storedFileName(name)).toBeNull();
  });

  test("cuts a long name at a whole character", () => {
    const name = `${"a".repeat(FILE_NAME_MAX - 1)}😀tail.csv`;
    expect(storedFileName(name)).toBe(`${"a".repeat(FILE_NAME_MAX - 1)}😀`);
  });

  test("whatever is sent: refused, or well-formed text of at most the limit in characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (name) => {
        const stored = storedFileName(name);
        if (stored === null) return;
        expect(stored.isWellFormed()).toBe(true);
        expect(Array.from(stored).length).toBeLessThanOrEqual(FILE_NAME_MAX);
        expect([...stored].every((character) => (character.codePointAt(0) ?? 0) > 0x1f)).toBe(true);
      }),
    );
  });
});
