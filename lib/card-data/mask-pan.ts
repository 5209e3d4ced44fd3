// Card-data hygiene (PCI DSS req. 3): find full card numbers in free text and mask them. Pure.

/** Luhn checksum over a string of ASCII digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * True when the digits start as a card scheme's numbers do: 3–6 (American Express and JCB, Visa,
 * Mastercard, UnionPay and Discover), or Mastercard's 2-series (2221–2720). No scheme issues card
 * numbers starting 0, 1, 7, 8 or 9. Free text is masked on Luhn alone (a false mask costs little
 * there); this is for identifiers and timestamps in files, where a false mask destroys data — a
 * UnionPay merchant id (898…, 15 digits) or a time stamp (20261130140322) passes Luhn one time in ten.
 */
export function hasCardIssuerPrefix(digits: string): boolean {
  const first = digits.charCodeAt(0) - 48;
  if (first >= 3 && first <= 6) return true;
  if (first !== 2 || digits.length < 4) return false;
  const series = Number(digits.slice(0, 4));
  return series >= 2221 && series <= 2720;
}

// What may sit between the digits of one card number. People group digits with spaces, dashes or
// dots, and a paste or a Chinese input method brings other forms of the same thing: a newline,
// a no-break or ideographic space (\s), a full-width or typographic dash (\p{Pd}, the minus
// sign), a full-width or ideographic full stop, a middle dot. Invisible characters (\p{Cf}: zero-
// width space, soft hyphen) and combining marks (\p{M}: the keycap in "4️⃣") do not change what a
// reader sees, so they separate nothing either. Slashes, commas and colons are left out: dates,
// amounts and times use them, and card numbers are not written with them.
const SEPARATOR = "[\\s\\p{Cf}\\p{M}\\p{Pd}\\u2212.\\uff0e\\u3002\\u00b7\\u30fb]";
const SEPARATORS = new RegExp(`(${SEPARATOR}+)`, "u");

// A run of decimal digits of any script (\p{Nd}: ASCII, full-width, Arabic-Indic, …), possibly
// separated, at least 13 digits long, not glued to other digits. Marks after the last digit belong
// to it (a keycap), so they go with the mask.
const DIGIT_RUN = new RegExp(`(?<!\\p{Nd})\\p{Nd}(?:${SEPARATOR}*\\p{Nd}){12,}\\p{M}*(?!\\p{Nd})`, "gu");
const NON_ASCII_DIGIT = /[^\d]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Masks every Luhn-valid 13–19 digit card number to `****` + its last four in ASCII digits, however
 * its digits are written or separated. A run that is not a PAN as a whole (too long, or failing
 * Luhn) is searched group by group, so "4111 1111 1111 1111 0925" still has its PAN masked while
 * other long numbers are left alone, separators and all.
 */
export function maskPans(text: string): string {
  return maskPansNotJudged(text, () => false);
}

/** maskPans, leaving alone each run of digits that `judged` says another rule already decided. */
export function maskPansNotJudged(text: string, judged: (run: string) => boolean): string {
  return maskRepeatedly(text, STRICT, judged);
}

// Any punctuation or symbol between digits: "6222/0212/3456/7890/128", "6222_0212…", "6222:0212…".
const LOOSE_SEPARATOR = "[\\s\\p{Cf}\\p{M}\\p{P}\\p{S}]";

/**
 * maskPans that also takes any punctuation, symbol or space between the digits, for text that is
 * only shown back, never kept: a cell quoted in an error message. Such separators are those of
 * dates, times and amounts, so a run must start as a card scheme's numbers do (hasCardIssuerPrefix)
 * — and still, a date, a time and an amount side by side can chain into a number that passes
 * ("2026-11-30 14:03:22 ¥1,006.50" → "2026-11-****0650"): harmless in an echo, not in data.
 */
export function maskPansLoosely(text: string): string {
  return maskRepeatedly(maskPans(text), LOOSE, () => false);
}

// One symbol repeated between groups of digits, no spaces: a card number as a system that writes
// no spaces pastes it. Dashes and dots are maskPans's own; commas are amounts' ("5,234,567,890").
const ALIKE_SEPARATOR = "[/_:|;+~\\\\]";

/**
 * maskPans that also masks a card number whose groups are joined by one symbol used throughout —
 * "6222/0276/5432/1019", "6222_0276_5432_1019", "6222:0276:5432:1019" — and that starts as a card
 * scheme's numbers do, for text that is kept (a memo, an operator): a date, a time and an amount
 * written side by side never join into one run ("2026-11-30 14:03:22 ¥1,006.50" stays).
 */
export function maskPansInData(text: string): string {
  return maskRepeatedly(maskPans(text), ALIKE, () => false);
}

interface Rule {
  run: RegExp;
  separators: RegExp;
  isPan: (digits: string) => boolean;
}

const STRICT: Rule = { run: DIGIT_RUN, separators: SEPARATORS, isPan };
const LOOSE: Rule = {
  run: new RegExp(`(?<!\\p{Nd})\\p{Nd}(?:${LOOSE_SEPARATOR}*\\p{Nd}){12,}\\p{M}*(?!\\p{Nd})`, "gu"),
  separators: new RegExp(`(${LOOSE_SEPARATOR}+)`, "u"),
  isPan: (digits) => isPan(digits) && hasCardIssuerPrefix(digits),
};
const ALIKE: Rule = {
  run: new RegExp(`(?<!\\p{Nd})\\p{Nd}+(${ALIKE_SEPARATOR})\\p{Nd}+(?:\\1\\p{Nd}+)*(?!\\p{Nd})`, "gu"),
  separators: new RegExp(`(${ALIKE_SEPARATOR})`, "u"),
  isPan: (digits) => isPan(digits) && hasCardIssuerPrefix(digits),
};

function maskRepeatedly(text: string, rule: Rule, judged: (run: string) => boolean): string {
  // Repeat until nothing changes: a mask's last four followed by more digits can form a new
  // Luhn-valid run ("****0312 0100000002"), which must not survive either. Each pass that
  // changes something removes at least nine digits, so this ends.
  let current = text;
  for (;;) {
    const next = current.replace(rule.run, (run) => (judged(run) ? run : maskRun(run, rule)));
    if (next === current) return current;
    current = next;
  }
}

/** True when the text still holds something that looks like a full card number. */
export function containsPan(text: string): boolean {
  return maskPans(text) !== text;
}

function isPan(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

function maskRun(run: string, rule: Rule): string {
  // split() with a capturing group alternates: group, separator, group, …
  const parts = run.split(rule.separators);
  const groups = parts.filter((_, index) => index % 2 === 0).map(asciiDigits);
  let out = "";
  let found = false;
  let start = 0;
  while (start < groups.length) {
    // The longest span of whole groups starting here that is a PAN (no PAN spans over 19 digits).
    let panEnd = -1;
    let digits = "";
    for (let end = start + 1; end <= groups.length; end++) {
      digits += groups[end - 1];
      if (digits.length > 19) break;
      if (rule.isPan(digits)) panEnd = end;
    }
    const end = panEnd === -1 ? start + 1 : panEnd;
    if (panEnd === -1) out += parts[2 * start];
    else {
      out += `****${groups.slice(start, end).join("").slice(-4)}`;
      found = true;
    }
    if (end < groups.length) out += parts[2 * end - 1];
    start = end;
  }
  return found ? out : run;
}

/** The digits of any script as ASCII digits. */
function asciiDigits(group: string): string {
  if (!NON_ASCII_DIGIT.test(group)) return group;
  return Array.from(group, (char) => String(digitValue(char))).join("");
}

/** Values of the non-ASCII digits met so far: at most the few hundred Unicode has. */
const digitValues = new Map<number, number>();

function digitValue(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0x39) return code - 0x30;
  const known = digitValues.get(code);
  if (known !== undefined) return known;
  // Unicode encodes every script's decimal digits as consecutive code points 0 to 9, in blocks of
  // exactly ten, so the distance from the first digit of a contiguous stretch, modulo ten, is the
  // value (a stretch can hold several blocks, as the mathematical digits do).
  let first = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first--;
  const value = (code - first) % 10;
  digitValues.set(code, value);
  return value;
}
