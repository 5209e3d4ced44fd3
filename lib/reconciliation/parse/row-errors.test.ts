import { createTranslator } from "next-intl";
import { expect, test } from "vitest";
import { quoted, rowError, translateRowError } from "@/lib/reconciliation/parse/row-errors";
import en from "@/messages/en/import-errors.json";
import zh from "@/messages/zh-CN/import-errors.json";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

test("every reason is worded in English and Simplified Chinese with the same placeholders", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((found) => found[1]).sort();
  expect(Object.keys(zh.ImportErrors).sort()).toEqual(Object.keys(en.ImportErrors).sort());
  for (const [reason, english] of Object.entries(en.ImportErrors)) {
    expect(placeholders(zh.ImportErrors[reason as keyof typeof zh.ImportErrors]), reason).toEqual(
      placeholders(english),
    );
  }
});

test("a row error carries English, and translates to the reader's language from reason and params", () => {
  const error = rowError(8, "交易金额", "total_amount_mismatch", { expected: "2,549.00", actual: "1,268.50" });
  expect(error.message).toBe(
    "The total line says 2,549.00 but the rows add up to 1,268.50: the file may be incomplete.",
  );
  const t = createTranslator({ locale: "zh-CN", messages: zh });
  const translated = translateRowError(error, Object.assign(t as never, { has: t.has }));
  expect(translated).toBe("合计行为 2,549.00，但各行相加为 1,268.50：文件可能不完整。");
  const english = createTranslator({ locale: "en", messages: en });
  expect(translateRowError(error, english as never)).toBe(error.message);
});

test("a value quoted in an error has card numbers masked and is cut short", () => {
  const number = `622202123456701${luhnCheckDigit("622202123456701")}`;
  expect(quoted(` 卡 ${number} `)).toBe(`卡 ****${number.slice(-4)}`);
  expect(quoted("x".repeat(100))).toBe(`${"x".repeat(39)}…`);
});
