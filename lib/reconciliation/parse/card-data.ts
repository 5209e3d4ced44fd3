// Card data leaving the parser: the card column normalised to "first6******last4", and a full card
// number anywhere else masked (and counted) before a record or a preview carries it. PCI DSS req. 3:
// a full number must never reach the database, a log or the browser.
import { maskPans, maskPansInData, passesLuhn } from "@/lib/card-data/mask-pan";
import { parseBuiltinDateTime } from "@/lib/reconciliation/parse/values";

/** Counts what was masked; one per parse. */
export interface CardStats {
  pansMasked: number;
}

/** Returned by normaliseCard for a cell that is not a card number in any written form. */
export const INVALID_CARD = Symbol("invalid card");

const MASK = "******";

/**
 * The card column → "622202******0128", "******0128" (only the last four known), or null (empty).
 * Mask characters may be *, x, X, #, • and any number of them; spaces and dashes are ignored. A
 * full number (no mask) keeps only its first six and last four and counts as masked when it is a
 * card number (13–19 digits, Luhn); any other long digit string is cut the same way, since the
 * field must never hold more than six and four.
 */
export function normaliseCard(cell: string, stats: CardStats): string | null | typeof INVALID_CARD {
  if (isCanonicalMask(cell)) return cell;
  let prefix = "";
  let suffix = "";
  let masked = false;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (masked) suffix += cell[i];
      else prefix += cell[i];
    } else if (code >= 0xff10 && code <= 0xff19) {
      // full-width digits, as a Chinese input method types them
      const digit = String.fromCharCode(code - 0xff10 + 48);
      if (masked) suffix += digit;
      else prefix += digit;
    } else if (code === 42 || code === 120 || code === 88 || code === 35 || code === 0x2022 || code === 0xff0a) {
      if (suffix !== "") {
        // digits between two mask runs ("6222**12**0128") are hidden too
        suffix = "";
      }
      masked = true;
    } else if (code !== 32 && code !== 45 && code !== 9 && code !== 0xa0 && code !== 0x3000) {
      return INVALID_CARD;
    }
  }
  if (!masked) {
    if (prefix === "") return null;
    if (prefix.length >= 13) {
      if (prefix.length <= 19 && passesLuhn(prefix)) stats.pansMasked++;
      return `${prefix.slice(0, 6)}${MASK}${prefix.slice(-4)}`;
    }
    // a short number is taken as the last digits someone copied off the slip
    return `${MASK}${prefix.slice(-4)}`;
  }
  if (prefix === "" && suffix === "") return INVALID_CARD;
  return `${prefix.slice(0, 6)}${MASK}${suffix.slice(-4)}`;
}

/** Already "622202******0128": the usual case, returned without building a string. */
function isCanonicalMask(cell: string): boolean {
  if (cell.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const code = cell.charCodeAt(i);
    if (i >= 6 && i < 12 ? code !== 42 : code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * A text cell with any full card number masked (the house maskPans: "****0128"), counting each —
 * also one whose groups are joined by one symbol throughout, a slash, an underscore or a colon,
 * when it starts as a card scheme's numbers do (maskPansInData: dates and times stay).
 * Cheap for the usual cell: only a cell long enough to hold 13 digits, with 13 ASCII digits or any
 * non-ASCII character (digits of other scripts), goes through the regular expression.
 */
export function scrubText(cell: string, stats: CardStats): string {
  if (cell.length < 13 || !mayHoldPan(cell)) return cell;
  if (isAsciiDigits(cell)) {
    // A bare number (a 15-digit merchant id, a long reference) is the common long cell: decided
    // without the regular expression, exactly as maskPans would (one run, no separators).
    if (cell.length > 19 || !passesLuhn(cell)) return cell;
    stats.pansMasked++;
    return `****${cell.slice(-4)}`;
  }
  const masked = maskPansInData(cell);
  if (masked === cell) return cell;
  stats.pansMasked += countMasks(masked) - countMasks(cell);
  return masked;
}

/**
 * Counts the card numbers in a cell that is dropped (an unmapped column). A 14-digit date-time
 * (`20261130140322`) is not counted: a tenth of them pass Luhn, and a report saying thousands of
 * card numbers were found in the time column would be false.
 */
export function countPansInDroppedCell(cell: string, stats: CardStats): void {
  if (cell.length < 13 || !mayHoldPan(cell)) return;
  if (isAsciiDigits(cell)) {
    if (cell.length === 14 && parseBuiltinDateTime(cell) !== null) return;
    if (cell.length <= 19 && passesLuhn(cell)) stats.pansMasked++;
    return;
  }
  const masked = maskPans(cell);
  if (masked === cell) return;
  if (parseBuiltinDateTime(cell) !== null && cell.trim().length === 14) return;
  stats.pansMasked += countMasks(masked) - countMasks(cell);
}

function isAsciiDigits(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * At least 13 digits: ASCII ones, or any character beyond ASCII (the digits of other scripts,
 * full-width ones) counted as one — a Chinese memo with few digits is not sent through the
 * regular expressions.
 */
function mayHoldPan(cell: string): boolean {
  let digits = 0;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if ((code >= 48 && code <= 57) || (code > 127 && isNonAsciiDigit(cell[i]))) {
      if (++digits >= 13) return true;
    }
  }
  return false;
}

const NON_ASCII_DIGIT = /\p{Nd}/u;

function isNonAsciiDigit(character: string): boolean {
  return NON_ASCII_DIGIT.test(character);
}

function countMasks(text: string): number {
  let count = 0;
  let from = text.indexOf("****");
  while (from !== -1) {
    count++;
    from = text.indexOf("****", from + 4);
    // a longer run of stars ("******") is one mask
    while (from !== -1 && text.charCodeAt(from - 1) === 42) from = text.indexOf("****", from + 1);
  }
  return count;
}
