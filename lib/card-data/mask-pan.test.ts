import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { containsPan, maskPans, passesLuhn } from "@/lib/card-data/mask-pan";

/** The Luhn check digit that makes `body` + digit valid. */
function luhnCheckDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) if (passesLuhn(`${body}${digit}`)) return String(digit);
  throw new Error("unreachable: one of ten digits always completes a Luhn number");
}

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(""));

/** Luhn-valid card numbers of 13 to 19 digits. */
const pan = digits(12, 18).map((body) => `${body}${luhnCheckDigit(body)}`);

/** The same length, failing Luhn. */
const notLuhn = pan.chain((valid) =>
  fc.integer({ min: 1, max: 9 }).map((shift) => `${valid.slice(0, -1)}${(Number(valid.at(-1)) + shift) % 10}`),
);

/** Writes digits with a random single space or dash (or nothing) between any two. */
function withSeparators(number: string) {
  return fc
    .array(fc.constantFrom("", "", " ", "-"), { minLength: number.length - 1, maxLength: number.length - 1 })
    .map((separators) => [...number].map((digit, i) => digit + (separators[i] ?? "")).join(""));
}

/** Free text with no digits, so it cannot extend a number it surrounds. */
const text = fc.string({
  unit: fc.constantFrom(..."abcxyz ABC.,;:!?()/#*_\n\t卡号客户签名", "é"),
  maxLength: 30,
});
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

/** Where each digit system's zero sits: a digit d of that system is the code point zero + d. */
const DIGIT_ZEROS = {
  ascii: 0x30,
  fullWidth: 0xff10,
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  thai: 0x0e50,
  mathematicalBold: 0x1d7ce,
} as const;

function writeDigit(digit: string, system: keyof typeof DIGIT_ZEROS): string {
  return String.fromCodePoint(DIGIT_ZEROS[system] + Number(digit));
}

/** Ways people (or a pasting keyboard) separate a card number's groups. */
const SEPARATORS = [
  " ",
  "  ",
  "-",
  ".",
  ". ",
  " - ",
  "\n",
  "\r\n",
  "\t",
  "\u00a0", // no-break space
  "\u202f", // narrow no-break space
  "\u3000", // ideographic space
  "\u2013", // en dash
  "\uff0d", // full-width hyphen-minus
  "\uff0e", // full-width full stop
  "\u200b", // zero-width space: invisible, so the number still reads as one
  "\u00ad", // soft hyphen
];

/** Writes a number with any mix of digit systems and, between any two digits, nothing or any separator. */
function writtenAnyWay(number: string) {
  const systems = Object.keys(DIGIT_ZEROS) as (keyof typeof DIGIT_ZEROS)[];
  return fc
    .tuple(
      fc.array(fc.constantFrom(...systems), { minLength: number.length, maxLength: number.length }),
      fc.array(fc.oneof(fc.constant(""), fc.constantFrom(...SEPARATORS)), {
        minLength: number.length - 1,
        maxLength: number.length - 1,
      }),
    )
    .map(([forms, separators]) =>
      [...number].map((digit, i) => writeDigit(digit, forms[i]) + (separators[i] ?? "")).join(""),
    );
}

/** Every digit of any script as its ASCII value, for asserting on what is left. */
const asciiDigitsOf = (value: string) =>
  [...value]
    .filter((char) => /\p{Nd}/u.test(char))
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      const system = Object.values(DIGIT_ZEROS).find((zero) => code >= zero && code <= zero + 9);
      return system === undefined ? char : String(code - system);
    })
    .join("");

describe("maskPans: other separators and digit forms", () => {
  test.each([
    ["dots", "4111.1111.1111.1111"],
    ["double spaces", "4111  1111  1111  1111"],
    ["a newline", "4111 1111\n1111 1111"],
    ["a no-break space", "4111\u00a01111\u00a01111\u00a01111"],
    ["a narrow no-break space", "4111\u202f1111\u202f1111\u202f1111"],
    ["an ideographic space", "4111\u30001111\u30001111\u30001111"],
    ["full-width digits", "４１１１１１１１１１１１１１１１"],
    ["full-width digits and spaces", "４１１１　１１１１　１１１１　１１１１"],
    ["Arabic-Indic digits", "٤١١١١١١١١١١١١١١١"],
    ["a dash with spaces around it", "4111 - 1111 - 1111 - 1111"],
    ["an en dash", "4111–1111–1111–1111"],
    ["zero-width spaces", "4111\u200b1111\u200b1111\u200b1111"],
  ])("masks a card number written with %s", (_how, written) => {
    const input = `卡号 ${written}，请核对`;
    expect(containsPan(input)).toBe(true);
    expect(maskPans(input)).toBe("卡号 ****1111，请核对");
  });

  test("any Luhn-valid 13–19 digit number, written any way, in any text, never survives", () => {
    fc.assert(
      fc.property(
        pan.chain((number) => writtenAnyWay(number).map((written) => ({ number, written }))),
        text,
        text,
        ({ number, written }, before, after) => {
          const input = `${before}${written}${after}`;
          expect(containsPan(input)).toBe(true);
          const masked = maskPans(input);
          // The last four come out in ASCII digits whatever script they were written in.
          expect(masked).toBe(`${before}****${number.slice(-4)}${after}`);
          expect(asciiDigitsOf(masked)).not.toContain(number);
          expect(containsPan(masked)).toBe(false);
          expect(maskPans(masked)).toBe(masked);
        },
      ),
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
        .array(fc.constantFrom(...(Object.keys(DIGIT_ZEROS) as (keyof typeof DIGIT_ZEROS)[])), {
          minLength: number.length,
          maxLength: number.length,
        })
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
    expect(maskPans("2026-03-01 4111 1111 1111 1111 12.50")).toBe("2026-03-01 ****1111 12.50");
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
