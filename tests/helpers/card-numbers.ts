// fast-check generators for card-number tests: Luhn-valid numbers, and the many ways a person, a
// paste or an input method can write one (digits of other scripts, odd separators). Shared by the
// detector's unit tests, the log tests and the storage scans.
import fc from "fast-check";
import { passesLuhn } from "@/lib/card-data/mask-pan";

/** The Luhn check digit that makes `body` + digit valid. */
export function luhnCheckDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) if (passesLuhn(`${body}${digit}`)) return String(digit);
  throw new Error("unreachable: one of ten digits always completes a Luhn number");
}

export const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(""));

/** Luhn-valid card numbers of 13 to 19 digits. */
export const pan = digits(12, 18).map((body) => `${body}${luhnCheckDigit(body)}`);

/** The same length, failing Luhn. */
export const notLuhn = pan.chain((valid) =>
  fc.integer({ min: 1, max: 9 }).map((shift) => `${valid.slice(0, -1)}${(Number(valid.at(-1)) + shift) % 10}`),
);

/** Free text with no digits, so it cannot extend a number it surrounds. */
export const text = fc.string({
  unit: fc.constantFrom(..."abcxyz ABC.,;:!?()/#*_\n\t卡号客户签名", "é"),
  maxLength: 30,
});

/** Where each digit system's zero sits: a digit d of that system is the code point zero + d. */
export const DIGIT_ZEROS = {
  ascii: 0x30,
  fullWidth: 0xff10,
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  thai: 0x0e50,
  mathematicalBold: 0x1d7ce,
} as const;
export type DigitSystem = keyof typeof DIGIT_ZEROS;
export const DIGIT_SYSTEMS = Object.keys(DIGIT_ZEROS) as DigitSystem[];

export function writeDigit(digit: string, system: DigitSystem): string {
  return String.fromCodePoint(DIGIT_ZEROS[system] + Number(digit));
}

/** Ways people (or a pasting keyboard) separate a card number's groups. */
export const SEPARATORS = [
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
  "\u3002", // ideographic full stop, what "." types in a Chinese input method
  "\u200b", // zero-width space: invisible, so the number still reads as one
  "\u00ad", // soft hyphen
];

/** Writes a number with any mix of digit systems and, between any two digits, nothing or any separator. */
export function writtenAnyWay(number: string) {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...DIGIT_SYSTEMS), { minLength: number.length, maxLength: number.length }),
      fc.array(fc.oneof(fc.constant(""), fc.constantFrom(...SEPARATORS)), {
        minLength: number.length - 1,
        maxLength: number.length - 1,
      }),
    )
    .map(([forms, separators]) =>
      [...number].map((digit, i) => writeDigit(digit, forms[i]) + (separators[i] ?? "")).join(""),
    );
}

/** A Luhn-valid number and one way of writing it. */
export const writtenPan = pan.chain((number) => writtenAnyWay(number).map((written) => ({ number, written })));

/** Every digit of the scripts above as its ASCII value, everything else dropped: what a reader could key back in. */
export function asciiDigitsOf(value: string): string {
  return [...value]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      const zero = Object.values(DIGIT_ZEROS).find((start) => code >= start && code <= start + 9);
      return zero === undefined ? "" : String(code - zero);
    })
    .join("");
}
