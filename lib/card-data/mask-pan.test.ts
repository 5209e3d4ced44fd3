import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  containsPan,
  hasCardIssuerPrefix,
  maskPans,
  maskPansInData,
  maskPansLoosely,
  passesLuhn,
} from "@/lib/card-data/mask-pan";
import {
  asciiDigitsOf,
  DIGIT_SYSTEMS,
  digits,
  luhnCheckDigit,
  notLuhn,
  pan,
  text,
  writeDigit,
  writtenAnyWay,
  writtenPan,
} from "@/tests/helpers/card-numbers";

/** Writes digits with a random single space or dash (or nothing) between any two. */
function withSeparators(number: string) {
  return fc
    .array(fc.constantFrom("", "", " ", "-"), { minLength: number.length - 1, maxLength: number.length - 1 })
    .map((separators) => [...number].map((digit, i) => digit + (separators[i] ?? "")).join(""));
}

/** Text that begins and ends with a letter: a number next to it stays a separate run. */
const boundary = fc.tuple(fc.constantFrom(..."aZ卡"), text, fc.constantFrom(..."bY号")).map((p) => p.join(""));

const onlyDigits = (value: string) => value.replace(/\D/g, "");

describe("passesLuhn", () => {
  test("accepts well-known test numbers and rejects a changed digit", () => {
    const visa = `4111${"1111".repeat(3)}`;
    const mastercard = `5555${"5555".repeat(2)}4444`;
    expect(passesLuhn(visa)).toBe(true);
    expect(passesLuhn(mastercard)).toBe(true);
    expect(passesLuhn(`${visa.slice(0, -1)}2`)).toBe(false);
  });

  test("rejects anything but digits", () => {
    expect(passesLuhn("")).toBe(false);
    expect(passesLuhn("4111 1111")).toBe(false);
    expect(passesLuhn("abc")).toBe(false);
  });

  test("the generated card numbers pass and the altered ones fail", () => {
    fc.assert(fc.property(pan, (number) => passesLuhn(number)));
    fc.assert(fc.property(notLuhn, (number) => !passesLuhn(number)));
  });
});

describe("maskPans", () => {
  test("masks any Luhn-valid 13–19 digit number, with spaces or dashes, in any text, to **** + last four", () => {
    fc.assert(
      fc.property(
        pan.chain((number) => withSeparators(number).map((written) => ({ number, written }))),
        text,
        text,
        ({ number, written }, before, after) => {
          const masked = maskPans(`${before}${written}${after}`);
          expect(masked).toBe(`${before}****${number.slice(-4)}${after}`);
          expect(onlyDigits(masked)).not.toContain(number);
          expect(containsPan(masked)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("masks every card number in a text holding several", () => {
    fc.assert(
      fc.property(
        fc.array(
          pan.chain((number) => withSeparators(number).map((written) => ({ number, written }))),
          { minLength: 2, maxLength: 5 },
        ),
        boundary,
        (cards, between) => {
          const masked = maskPans(cards.map((card) => card.written).join(between));
          expect(masked).toBe(cards.map((card) => `****${card.number.slice(-4)}`).join(between));
          for (const card of cards) expect(onlyDigits(masked)).not.toContain(card.number);
        },
      ),
    );
  });

  test("leaves numbers that fail Luhn alone", () => {
    fc.assert(
      fc.property(notLuhn, text, text, (number, before, after) => {
        const input = `${before}${number}${after}`;
        expect(maskPans(input)).toBe(input);
        expect(containsPan(input)).toBe(false);
      }),
    );
  });

  test("leaves numbers shorter than 13 digits alone, however they are written", () => {
    fc.assert(
      fc.property(digits(1, 12).chain(withSeparators), text, text, (number, before, after) => {
        const input = `${before}${number}${after}`;
        expect(maskPans(input)).toBe(input);
      }),
    );
  });

  test("leaves runs longer than 19 digits alone when no part of them is a card number", () => {
    const twenty = "1".repeat(20);
    expect(maskPans(`ref ${twenty}`)).toBe(`ref ${twenty}`);
    fc.assert(
      fc.property(digits(20, 30), (number) => {
        expect(maskPans(`x${number}y`)).toBe(`x${number}y`);
      }),
    );
  });

  test("masks a card number followed by an expiry date in the same run and keeps the date", () => {
    const visa = `4111${"1111".repeat(3)}`;
    const spaced = visa.replace(/(\d{4})(?=\d)/g, "$1 ");
    expect(maskPans(`card ${spaced} 0925`)).toBe("card ****1111 0925");
  });

  test("does not glue onto neighbouring digits", () => {
    const visa = `4111${"1111".repeat(3)}`;
    // Twenty digits with no separator: not a card number as written, so left as it is.
    expect(maskPans(`${visa}1234`)).toBe(`${visa}1234`);
  });

  test("leaves nothing card-like where a mask's last four meet the digits after it", () => {
    // A 14-digit card number whose last four, with the number after it, make another Luhn-valid run.
    const card = `8006967950031${luhnCheckDigit("8006967950031")}`;
    const tail = `0100000002`;
    expect(passesLuhn(`${card.slice(-4)}${tail}`)).toBe(true);
    const masked = maskPans(`20030 ${card} ${tail}`);
    expect(onlyDigits(masked)).not.toContain(card);
    expect(containsPan(masked)).toBe(false);
    expect(maskPans(masked)).toBe(masked);
  });

  test("is idempotent on any text", () => {
    const anyText = fc.string({ unit: fc.constantFrom(..."0123456789 -*ab\n"), maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(anyText, pan.chain(withSeparators)), (input) => {
        const once = maskPans(input);
        expect(maskPans(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  test("is idempotent on texts holding card numbers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pan.chain(withSeparators), digits(1, 8), text), { maxLength: 6 }),
        fc.constantFrom(" ", "-", ", ", ""),
        (parts, joiner) => {
          const once = maskPans(parts.join(joiner));
          expect(maskPans(once)).toBe(once);
          expect(containsPan(once)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("leaves text without digits unchanged", () => {
    fc.assert(fc.property(text, (input) => maskPans(input) === input));
  });
});

// ---- separators and digit forms beyond the ASCII space and dash (issue 6, item 4) ----

describe("maskPans: other separators and digit forms", () => {
  // The test number is put together at run time, so no full card number sits in the source.
  const groups = ["4111", "1111", "1111", "1111"];
  const fullWidth = (value: string) => [...value].map((digit) => writeDigit(digit, "fullWidth")).join("");
  const arabicIndic = (value: string) => [...value].map((digit) => writeDigit(digit, "arabicIndic")).join("");
  test.each([
    ["dots", groups.join(".")],
    ["double spaces", groups.join("  ")],
    ["a newline", `${groups.slice(0, 2).join(" ")}\n${groups.slice(2).join(" ")}`],
    ["a no-break space", groups.join("\u00a0")],
    ["a narrow no-break space", groups.join("\u202f")],
    ["an ideographic space", groups.join("\u3000")],
    ["full-width digits", fullWidth(groups.join(""))],
    ["full-width digits and spaces", groups.map(fullWidth).join("\u3000")],
    ["Arabic-Indic digits", arabicIndic(groups.join(""))],
    ["a dash with spaces around it", groups.join(" - ")],
    ["an en dash", groups.join("\u2013")],
    ["zero-width spaces", groups.join("\u200b")],
    ["an ideographic full stop", groups.join("\u3002")],
    ["keycap digits", [...groups.join("")].map((digit) => `${digit}\ufe0f\u20e3`).join("")],
  ])("masks a card number written with %s", (_how, written) => {
    const input = `卡号 ${written}，请核对`;
    expect(containsPan(input)).toBe(true);
    expect(maskPans(input)).toBe("卡号 ****1111，请核对");
  });

  test("any Luhn-valid 13–19 digit number, written any way, in any text, never survives", () => {
    fc.assert(
      fc.property(writtenPan, text, text, ({ number, written }, before, after) => {
        const input = `${before}${written}${after}`;
        expect(containsPan(input)).toBe(true);
        const masked = maskPans(input);
        // The last four come out in ASCII digits whatever script they were written in.
        expect(masked).toBe(`${before}****${number.slice(-4)}${after}`);
        expect(asciiDigitsOf(masked)).not.toContain(number);
        expect(containsPan(masked)).toBe(false);
        expect(maskPans(masked)).toBe(masked);
      }),
      { numRuns: 1000 },
    );
  });

  test("numbers shorter than 13 digits, written any way, are left alone", () => {
    fc.assert(
      fc.property(digits(1, 12).chain(writtenAnyWay), text, text, (number, before, after) => {
        const input = `${before}${number}${after}`;
        expect(maskPans(input)).toBe(input);
        expect(containsPan(input)).toBe(false);
      }),
    );
  });

  test("numbers failing Luhn, in any digit form, are left alone", () => {
    const inAnyForm = (number: string) =>
      fc
        .array(fc.constantFrom(...DIGIT_SYSTEMS), { minLength: number.length, maxLength: number.length })
        .map((forms) => [...number].map((digit, i) => writeDigit(digit, forms[i])).join(""));
    fc.assert(
      fc.property(notLuhn.chain(inAnyForm), text, text, (number, before, after) => {
        const input = `${before}${number}${after}`;
        expect(maskPans(input)).toBe(input);
      }),
    );
  });

  test("keeps dates, times, amounts and phone numbers that are not card numbers", () => {
    for (const input of [
      "Paid 128.50 on 2026-03-01 at 14:05, refund 12.30",
      "Call 138 0013 8000 or +86 21 5555 0123",
      "Slip dated 01/15/2026, batch 000123, trace 004211",
      "２０２６年３月１日　金额１２８．５０元",
    ]) {
      expect(maskPans(input)).toBe(input);
    }
  });

  test("keeps the separators of the numbers around a masked card number", () => {
    const spaced = ["4111", "1111", "1111", "1111"].join(" ");
    expect(maskPans(`2026-03-01 ${spaced} 12.50`)).toBe("2026-03-01 ****1111 12.50");
  });

  test("is idempotent on text mixing digit forms and separators", () => {
    const unit = fc.constantFrom(..."0123456789０１٤٩ .-\n\u00a0\u3000ab");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (input) => {
        const once = maskPans(input);
        expect(maskPans(once)).toBe(once);
        expect(containsPan(once)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("maskPansLoosely: any punctuation between the digits, for text shown back", () => {
  // Put together at run time, so no full card number sits in the source.
  const body = "622202765432101";
  const number = `${body}${luhnCheckDigit(body)}`;
  const groups = [number.slice(0, 4), number.slice(4, 8), number.slice(8, 12), number.slice(12)];

  test.each([
    ["slashes", groups.join("/")],
    ["underscores", groups.join("_")],
    ["colons", groups.join(":")],
    ["commas", groups.join(",")],
    ["plus signs", groups.join("+")],
    ["pipes and spaces", groups.join(" | ")],
  ])("masks a card number written with %s", (_how, written) => {
    expect(maskPans(written)).toBe(written);
    expect(maskPansLoosely(`卡号 ${written}，请核对`)).toBe(`卡号 ****${number.slice(-4)}，请核对`);
  });

  test("keeps dates, times and amounts: they start as no card scheme's numbers do", () => {
    for (const input of [
      "2026/11/30 14:03:22",
      "20261130 140322",
      "2026-11-30 14:03:22.123",
      "1,280,000.50 / 12,345.67",
      "14:03:22 2026/11/30 000001/000123",
    ]) {
      expect(maskPansLoosely(input)).toBe(input);
    }
  });

  test("whatever single punctuation joins the groups of a card number, it never survives", () => {
    const separator = fc.constantFrom(..."/_:,;|+=~#'\"<>^`", "／", "、");
    const written = pan
      .filter(hasCardIssuerPrefix)
      .chain((digits) =>
        fc
          .array(fc.oneof(fc.constant(""), separator), { minLength: digits.length - 1, maxLength: digits.length - 1 })
          .map((between) => ({ digits, written: [...digits].map((digit, i) => digit + (between[i] ?? "")).join("") })),
      );
    fc.assert(
      fc.property(written, boundary, boundary, ({ digits, written }, before, after) => {
        const masked = maskPansLoosely(`${before} ${written} ${after}`);
        expect(onlyDigits(masked)).not.toContain(digits);
        expect(maskPansLoosely(masked)).toBe(masked);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("maskPansInData: one symbol between the groups, for text that is kept", () => {
  const body = "622202765432101";
  const number = `${body}${luhnCheckDigit(body)}`;
  const groups = [number.slice(0, 4), number.slice(4, 8), number.slice(8, 12), number.slice(12)];

  test.each(["/", "_", ":", "|", ";", "+", "~", "\\"])("masks a card number joined by %s", (symbol) => {
    expect(maskPansInData(`卡 ${groups.join(symbol)} 退款`)).toBe(`卡 ****${number.slice(-4)} 退款`);
  });

  test("still masks what maskPans masks", () => {
    expect(maskPansInData(`卡 ${groups.join(" ")}`)).toBe(`卡 ****${number.slice(-4)}`);
  });

  test("a date, a time and an amount side by side stay as they are (maskPansLoosely would chain them)", () => {
    const chained = "2026-11-30 14:03:22 ¥1,006.50";
    expect(maskPansLoosely(chained)).not.toBe(chained);
    expect(maskPansInData(chained)).toBe(chained);
  });

  test("any dates, times and amounts, written any way and side by side, stay as they are", () => {
    const two = (min: number, max: number) => fc.integer({ min, max }).map((value) => String(value).padStart(2, "0"));
    const date = fc
      .tuple(fc.integer({ min: 2000, max: 2099 }), two(1, 12), two(1, 31), fc.constantFrom("-", "/", "", "."))
      .chain(([year, month, day, separator]) =>
        fc.constantFrom(
          `${year}${separator}${month}${separator}${day}`,
          `${day}${separator}${month}${separator}${year}`,
        ),
      );
    const time = fc
      .tuple(two(0, 23), two(0, 59), two(0, 59), fc.constantFrom(":", ""))
      .map(([hours, minutes, seconds, separator]) => `${hours}${separator}${minutes}${separator}${seconds}`);
    const amount = fc
      .tuple(fc.integer({ min: 0, max: 99_999_999 }), two(0, 99), fc.constantFrom("¥", "", "RMB "))
      .map(([yuan, fen, sign]) => `${sign}${yuan.toLocaleString("en-US")}.${fen}`);
    const piece = fc.oneof(date, time, amount);
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(" ", ", ", "；", " / "),
        (pieces, gap) => {
          const text = pieces.join(gap);
          expect(maskPansInData(text)).toBe(maskPans(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
