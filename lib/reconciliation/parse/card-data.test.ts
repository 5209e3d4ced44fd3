import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";
import { countPansInDroppedCell, INVALID_CARD, normaliseCard, scrubText } from "@/lib/reconciliation/parse/card-data";
import { luhnCheckDigit, pan } from "@/tests/helpers/card-numbers";

const stats = () => ({ pansMasked: 0 });

test("masked card numbers are normalised to first six, six stars, last four", () => {
  const s = stats();
  expect(normaliseCard("622202******0128", s)).toBe("622202******0128");
  expect(normaliseCard("6222 02** **** 0128", s)).toBe("622202******0128");
  expect(normaliseCard("622202xxxxxx0128", s)).toBe("622202******0128");
  expect(normaliseCard("62220212****0128", s)).toBe("622202******0128");
  expect(normaliseCard("************0128", s)).toBe("******0128");
  expect(normaliseCard("0128", s)).toBe("******0128");
  expect(normaliseCard("", s)).toBeNull();
  expect(normaliseCard("hello", s)).toBe(INVALID_CARD);
  expect(normaliseCard("****", s)).toBe(INVALID_CARD);
  expect(s.pansMasked).toBe(0);
});

test("a full card number in the card column keeps only six and four, and is counted", () => {
  fc.assert(
    fc.property(pan, (number) => {
      const s = stats();
      expect(normaliseCard(number, s)).toBe(`${number.slice(0, 6)}******${number.slice(-4)}`);
      expect(s.pansMasked).toBe(1);
    }),
  );
});

test("a long number failing Luhn is cut the same way but not counted as a card", () => {
  const body = "622202123456789";
  const wrong = `${body}${(Number(luhnCheckDigit(body)) + 1) % 10}`;
  const s = stats();
  expect(normaliseCard(wrong, s)).toBe("622202******6789".replace("6789", wrong.slice(-4)));
  expect(s.pansMasked).toBe(0);
});

test("full card numbers in free text are masked and counted, short texts untouched", () => {
  fc.assert(
    fc.property(pan, fc.constantFrom("", "客户 ", "note: "), (number, before) => {
      const s = stats();
      const out = scrubText(`${before}${number} 退款`, s);
      expect(containsPan(out)).toBe(false);
      expect(out).toContain(`****${number.slice(-4)}`);
      expect(s.pansMasked).toBe(1);
    }),
  );
  const s = stats();
  expect(scrubText("张三", s)).toBe("张三");
  expect(scrubText("100000000001", s)).toBe("100000000001");
  expect(s.pansMasked).toBe(0);
});

test("a 14-digit date-time in a dropped column is not counted as a card number", () => {
  const s = stats();
  for (let second = 0; second < 60; second++) {
    countPansInDroppedCell(`202611301403${String(second).padStart(2, "0")}`, s);
  }
  expect(s.pansMasked).toBe(0);
  const number = `62220212345678${luhnCheckDigit("62220212345678")}`;
  countPansInDroppedCell(number, s);
  expect(s.pansMasked).toBe(1);
});

test("a bare number is decided as maskPans decides it (the shortcut for long digit-only cells)", () => {
  fc.assert(
    fc.property(fc.oneof(pan, fc.stringMatching(/^\d{13,24}$/)), (digits) => {
      const s = stats();
      const out = scrubText(digits, s);
      expect(out).toBe(maskPans(digits));
      expect(s.pansMasked).toBe(out === digits ? 0 : 1);
    }),
  );
});

describe("the acquirer's merchant id", () => {
  test("a UnionPay merchant id that passes Luhn is kept whole; a card number typed there is masked", async () => {
    const { parseBytes, utf8Bytes } = await import("@/lib/reconciliation/parse/test-files");
    const { luhnCheckDigit } = await import("@/tests/helpers/card-numbers");
    const mid = `89831000000001${luhnCheckDigit("89831000000001")}`;
    const pan = `62220212345670${luhnCheckDigit("62220212345670")}`;
    const file = [
      "交易时间,商户号,终端号,交易类型,交易金额,交易状态",
      `2026-11-20 10:00:00,${mid},T1000001,消费,12.50,成功`,
      `2026-11-20 10:01:00,${pan},T1000001,消费,12.50,成功`,
    ].join("\r\n");
    const result = await parseBytes(utf8Bytes(file), { type: "pos_journal" });
    expect(result.errors).toEqual([]);
    const mids = result.records.map((record) => ("acquirerMid" in record ? record.acquirerMid : null));
    expect(mids[0]).toBe(mid);
    expect(mids[1]).toBe(`****${pan.slice(-4)}`);
    expect(result.pansMasked).toBe(1);
  });
});
