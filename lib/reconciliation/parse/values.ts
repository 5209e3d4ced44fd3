// Cell values of reconciliation files → normalised values: amounts in minor units, wall-clock dates
// and times, transaction types, statuses, signed flags. Pure and hand-rolled: these run once per
// cell on million-line files, so they walk characters instead of running regular expressions and
// report failure as NaN / null rather than allocating error objects.
import type { AmountUnit, TxType } from "@/lib/reconciliation/types";

/** Whether the cell holds nothing a person would call a value. */
export function isBlank(cell: string | undefined): boolean {
  if (cell === undefined) return true;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 0x3000 && code !== 0xa0) return false;
  }
  return true;
}

/**
 * A cell as text: trimmed, and unwrapped from the ways spreadsheet exports force text
 * (`="000123"`, a leading apostrophe), which Chinese bank and acquirer portals use for long numbers.
 */
export function cleanText(cell: string | undefined): string {
  if (cell === undefined) return "";
  let text = cell;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first === 32 || first === 9 || last === 32 || last === 9 || first === 0x3000 || last === 0x3000) {
    text = text.trim();
  }
  if (text.charCodeAt(0) === 61 /* = */ && text.charCodeAt(1) === 34 && text.endsWith('"') && text.length >= 3) {
    text = text.slice(2, -1).trim();
  } else if (text.charCodeAt(0) === 39 /* ' */) {
    text = text.slice(1).trim();
  }
  return text;
}

// Whole units above this are refused, so that sums over millions of lines stay exact integers.
const MAX_WHOLE_DIGITS = 12;

/**
 * `1,280.50`, `-12.00`, `¥1,280.50`, `(12.00)`, `1280.5` → minor units, exactly (the string is read
 * digit by digit, never through a float). In fen the value must be a whole number (`128050`,
 * `128050.00`). NaN when the cell is not an amount.
 */
export function parseAmountMinor(cell: string, unit: AmountUnit): number {
  let i = 0;
  let end = cell.length;
  // Trim and strip currency marks and a trailing 元 in one pass from both ends.
  while (i < end && isAmountNoise(cell.charCodeAt(i))) i++;
  while (end > i && isAmountNoise(cell.charCodeAt(end - 1))) end--;
  let negative = false;
  let code = cell.charCodeAt(i);
  if (code === 40 /* ( */ && cell.charCodeAt(end - 1) === 41) {
    negative = true;
    i++;
    end--;
  }
  code = cell.charCodeAt(i);
  if (code === 45 /* - */ || code === 0x2212 || code === 0xff0d) {
    negative = !negative;
    i++;
  } else if (code === 43 /* + */) i++;
  while (i < end && isAmountNoise(cell.charCodeAt(i))) i++;
  let whole = 0;
  let wholeDigits = 0;
  let fraction = 0;
  let fractionDigits = 0;
  let inFraction = false;
  let lastWasComma = false;
  for (; i < end; i++) {
    code = cell.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      lastWasComma = false;
      const digit = code - 48;
      if (!inFraction) {
        if (whole === 0 && digit === 0) {
          wholeDigits = Math.max(wholeDigits, 1);
          continue;
        }
        whole = whole * 10 + digit;
        if (++wholeDigits > MAX_WHOLE_DIGITS) return Number.NaN;
      } else if (fractionDigits < 2) {
        fraction = fraction * 10 + digit;
        fractionDigits++;
      } else if (digit !== 0) {
        return Number.NaN; // a third decimal that is not zero is not money
      }
    } else if (code === 44 /* , */ && !inFraction && wholeDigits > 0 && !lastWasComma) {
      lastWasComma = true; // thousands separator
    } else if (code === 46 /* . */ && !inFraction && !lastWasComma) {
      inFraction = true;
    } else {
      return Number.NaN;
    }
  }
  if (lastWasComma || (wholeDigits === 0 && fractionDigits === 0)) return Number.NaN;
  let minor: number;
  if (unit === "fen") {
    if (fraction !== 0) return Number.NaN;
    minor = whole;
  } else {
    minor = whole * 100 + (fractionDigits === 1 ? fraction * 10 : fraction);
  }
  return negative && minor !== 0 ? -minor : minor;
}

function isAmountNoise(code: number): boolean {
  // space, tab, no-break and ideographic space, ¥ (U+00A5), ￥ (U+FFE5), 元
  return (
    code === 32 || code === 9 || code === 0xa0 || code === 0x3000 || code === 0xa5 || code === 0xffe5 || code === 0x5143
  );
}

/** Minor units as `1280.50` / `-12.00`, for messages. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
}

// ---- dates and times ------------------------------------------------------------------------

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

/** A date and optional time, checked for range, as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS". */
function formatDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (!validDate(year, month, day)) return null;
  const date = `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
  if (hour < 0) return date;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${date} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

// Digit runs of the cell being read (value and length); a cell has few, and this is not reentrant
// (nothing here awaits), so one scratch area serves every call.
const MAX_RUNS = 12;
const runValue = new Array<number>(MAX_RUNS).fill(0);
const runLength = new Array<number>(MAX_RUNS).fill(0);

function digitRuns(cell: string): number {
  let count = 0;
  let inRun = false;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (!inRun) {
        if (count === MAX_RUNS) return count; // what follows (a zone, a remark) is not read
        runValue[count] = 0;
        runLength[count] = 0;
        count++;
        inRun = true;
      }
      const run = count - 1;
      // Long runs (14 digits) still fit a double exactly.
      runValue[run] = runValue[run] * 10 + (code - 48);
      runLength[run]++;
    } else {
      inRun = false;
    }
  }
  return count;
}

/**
 * Built-in date forms, year first: `2026-11-30 14:03:22`, `2026/11/30 14:03`, `2026-11-30T14:03:22`,
 * `2026/11/30`, `20261130`, `20261130 140322`, `20261130140322`, `2026年11月30日 14:03:22`.
 * Returns "YYYY-MM-DD" (no time given) or "YYYY-MM-DD HH:MM:SS", or null. Anything after the
 * seconds (fractions, a zone offset) is ignored: times in these files are wall clock.
 */
export function parseBuiltinDateTime(cell: string): string | null {
  if (cell.length === 19 && isCanonicalDateTime(cell)) return cell;
  const runs = digitRuns(cell);
  if (runs <= 0) return null;
  const v0 = runValue[0];
  switch (runLength[0]) {
    case 14:
      return formatDateTime(
        Math.floor(v0 / 1e10),
        Math.floor(v0 / 1e8) % 100,
        Math.floor(v0 / 1e6) % 100,
        Math.floor(v0 / 1e4) % 100,
        Math.floor(v0 / 100) % 100,
        v0 % 100,
      );
    case 12:
      return formatDateTime(
        Math.floor(v0 / 1e8),
        Math.floor(v0 / 1e6) % 100,
        Math.floor(v0 / 1e4) % 100,
        Math.floor(v0 / 100) % 100,
        v0 % 100,
        0,
      );
    case 8:
      return withTime(Math.floor(v0 / 1e4), Math.floor(v0 / 100) % 100, v0 % 100, runs, 1, cell);
    case 4:
      if (runs < 3 || runLength[1] > 2 || runLength[2] > 2) return null;
      return withTime(v0, runValue[1], runValue[2], runs, 3, cell);
    default:
      return null;
  }
}

/** "YYYY-MM-DD HH:MM:SS" already, and valid: returned as is, without building a new string. */
function isCanonicalDateTime(cell: string): boolean {
  if (cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45 || cell.charCodeAt(10) !== 32) return false;
  if (cell.charCodeAt(13) !== 58 || cell.charCodeAt(16) !== 58) return false;
  const year = digitsAt(cell, 0, 4);
  const month = digitsAt(cell, 5, 2);
  const day = digitsAt(cell, 8, 2);
  const hour = digitsAt(cell, 11, 2);
  const minute = digitsAt(cell, 14, 2);
  const second = digitsAt(cell, 17, 2);
  return (
    validDate(year, month, day) && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60
  );
}

/** The number written by `count` ASCII digits at `from`, or -1. */
function digitsAt(cell: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = cell.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

function withTime(year: number, month: number, day: number, runs: number, first: number, cell: string): string | null {
  if (first >= runs) return formatDateTime(year, month, day, -1, 0, 0);
  const seconds = onTheClock(timeFromRuns(runs, first), meridiemOf(cell));
  if (seconds < 0) return null;
  return formatDateTime(year, month, day, Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60);
}

/** Seconds of the day from the runs starting at `first` (`140322`, `1403`, `14:03:22`, `9:03`), or -1. */
function timeFromRuns(runs: number, first: number): number {
  const length = runLength[first];
  const value = runValue[first];
  let hour: number;
  let minute: number;
  let second = 0;
  if (length === 6 || length === 5) {
    // 5 digits: a spreadsheet dropped the leading zero of 09:03:22
    hour = Math.floor(value / 1e4);
    minute = Math.floor(value / 100) % 100;
    second = value % 100;
  } else if (length === 4 || length === 3) {
    hour = Math.floor(value / 100);
    minute = value % 100;
  } else if (length <= 2 && first + 1 < runs && runLength[first + 1] === 2) {
    hour = value;
    minute = runValue[first + 1];
    if (first + 2 < runs) {
      if (runLength[first + 2] !== 2) return -1;
      second = runValue[first + 2];
    }
  } else {
    return -1;
  }
  if (hour > 23 || minute > 59 || second > 59) return -1;
  return hour * 3600 + minute * 60 + second;
}

/**
 * "AM"/"PM" (a.m., p.m., any case) or 上午/下午 in a cell: Excel's and many bank portals' 12-hour
 * times. Read without them, 2:03:22 PM would be 02:03 — hours away from its statement line.
 */
function meridiemOf(cell: string): "am" | "pm" | null {
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code === 0x5348 /* 午 */ && i > 0) {
      const before = cell.charCodeAt(i - 1);
      if (before === 0x4e0a /* 上 */) return "am";
      if (before === 0x4e0b /* 下 */) return "pm";
    }
    const lower = code | 32;
    if ((lower === 97 || lower === 112) && !isLetter(cell.charCodeAt(i - 1))) {
      let next = i + 1;
      if (cell.charCodeAt(next) === 46 /* . */) next++;
      if ((cell.charCodeAt(next) | 32) === 109 /* m */ && !isLetter(cell.charCodeAt(next + 1))) {
        return lower === 97 ? "am" : "pm";
      }
    }
  }
  return null;
}

function isLetter(code: number): boolean {
  const lower = code | 32;
  return lower >= 97 && lower <= 122;
}

/**
 * Seconds of the day with an AM/PM marker made 24-hour: 12 AM is midnight, 12 PM noon, 1–11 PM add
 * twelve. Exports also write a redundant marker after a 24-hour time (`14:03:22 PM`,
 * `00:15:00 AM`), so an hour that already agrees with its marker (13–23 PM, 0 AM) is kept; hour 0
 * PM is noon, as on a 0–11 clock (午後0時). Only 13–23 AM contradicts itself: -1, not a guess.
 * Hours past 23 were refused by timeFromRuns already.
 */
function onTheClock(seconds: number, meridiem: "am" | "pm" | null): number {
  if (meridiem === null || seconds < 0) return seconds;
  const hour = Math.floor(seconds / 3600);
  if (meridiem === "am") {
    if (hour > 12) return -1;
    return hour === 12 ? seconds - 12 * 3600 : seconds;
  }
  return hour < 12 ? seconds + 12 * 3600 : seconds;
}

/**
 * A time-of-day cell (`140322`, `14:03:22`, `14:03`, `90322`, `2:03:22 PM`, `下午 2:03`, `14:03 PM`) as "HH:MM:SS", or null. A full
 * date-time (an XLSX time cell arrives as 1899-12-30 14:03:22) gives its time.
 */
export function parseTimeOfDay(cell: string): string | null {
  const runs = digitRuns(cell);
  if (runs <= 0) return null;
  // A date in front (any date: Excel's day 0 is 1899-12-30) is skipped to its time.
  let first = 0;
  if (runLength[0] === 14) {
    const value = runValue[0] % 1e6;
    runValue[0] = value;
    runLength[0] = 6;
  } else if (runLength[0] === 8 && runs >= 2) first = 1;
  else if (runLength[0] === 4 && runs >= 4) first = 3;
  else if (runLength[0] === 4 && runs === 3)
    return null; // a date without a time
  else if (runLength[0] === 8) return null;
  const seconds = onTheClock(timeFromRuns(runs, first), meridiemOf(cell));
  if (seconds < 0) return null;
  return `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}

type PatternPart = { token: "y" | "M" | "d" | "H" | "m" | "s"; width: number } | { literal: string };

/** A compiled custom date pattern (`yyyyMMdd HHmmss`, `dd/MM/yyyy HH:mm`): y M d H m s tokens. */
export interface DatePattern {
  parts: PatternPart[];
  hasTime: boolean;
}

export function compileDatePattern(pattern: string): DatePattern | null {
  const parts: PatternPart[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if ("yMdHms".includes(char)) {
      let width = 1;
      while (pattern[i + width] === char) width++;
      if ((char === "y" && width !== 4 && width !== 2) || (char !== "y" && width > 2)) return null;
      parts.push({ token: char as "y", width });
      i += width;
    } else {
      parts.push({ literal: char });
      i++;
    }
  }
  const tokens = new Set(parts.flatMap((part) => ("token" in part ? [part.token] : [])));
  if (!tokens.has("y") || !tokens.has("M") || !tokens.has("d")) return null;
  return { parts, hasTime: tokens.has("H") };
}

/** A cell read with a custom pattern → "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", or null. */
export function parseWithPattern(cell: string, pattern: DatePattern): string | null {
  const values = { y: 0, M: 0, d: 0, H: -1, m: 0, s: 0 };
  let i = 0;
  const text = cell.trim();
  for (const part of pattern.parts) {
    if ("literal" in part) {
      if (part.literal === " ") {
        if (text[i] !== " " && text[i] !== "T") return null;
        while (text[i] === " ") i++;
        if (text[i] === "T") i++;
      } else if (text[i] === part.literal) i++;
      else return null;
      continue;
    }
    // A doubled token takes exactly that many digits; a single one takes one or two.
    const maxDigits = part.width === 1 ? 2 : part.width;
    const minDigits = part.width === 1 ? 1 : part.width;
    let value = 0;
    let read = 0;
    while (read < maxDigits) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      value = value * 10 + code - 48;
      read++;
      i++;
    }
    if (read < minDigits) return null;
    values[part.token] = part.token === "y" && part.width === 2 ? 2000 + value : value;
  }
  if (i !== text.length) return null;
  return formatDateTime(values.y, values.M, values.d, values.H, values.m, values.s);
}

// ---- enumerations ---------------------------------------------------------------------------

/** Lower-cased, spaces and separators removed: how words in cells are compared. */
export function normaliseWord(cell: string): string {
  let out = "";
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code === 32 || code === 9 || code === 95 || code === 45 || code === 0x3000 || code === 0xa0) continue;
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : cell[i];
  }
  return out;
}

const TX_TYPE_WORDS = new Map<string, TxType>(
  Object.entries({
    sale: "sale",
    purchase: "sale",
    消费: "sale",
    销售: "sale",
    void: "void",
    cancel: "void",
    cancellation: "void",
    撤销: "void",
    撤消: "void",
    消费撤销: "void",
    refund: "refund",
    return: "refund",
    退货: "refund",
    退款: "refund",
    消费退货: "refund",
    reversal: "reversal",
    reverse: "reversal",
    冲正: "reversal",
    消费冲正: "reversal",
  } satisfies Record<string, TxType>),
);

/**
 * sale / void / refund / reversal in English or Chinese, and compound forms (`消费撤销` → void,
 * `撤销冲正` → reversal): the most specific word wins — a reversal of anything is a reversal, a
 * cancelled sale a void, a returned sale a refund.
 */
export function parseTxType(cell: string): TxType | null {
  // Maps, not objects: a cell saying "constructor" must not find Object's own property.
  const exact = TX_TYPE_WORDS.get(cell) ?? TX_TYPE_WORDS.get(normaliseWord(cell));
  if (exact) return exact;
  const word = normaliseWord(cell);
  if (word.includes("冲正") || word.includes("revers")) return "reversal";
  if (word.includes("撤销") || word.includes("撤消") || word.includes("void") || word.includes("cancel")) return "void";
  if (word.includes("退货") || word.includes("退款") || word.includes("refund")) return "refund";
  if (word.includes("消费") || word.includes("sale") || word.includes("purchase")) return "sale";
  return null;
}

const STATUS_WORDS = new Map<string, boolean>(
  Object.entries({
    approved: true,
    approve: true,
    success: true,
    successful: true,
    succeeded: true,
    ok: true,
    成功: true,
    交易成功: true,
    批准: true,
    已批准: true,
    承兑: true,
    declined: false,
    decline: false,
    failed: false,
    fail: false,
    failure: false,
    rejected: false,
    失败: false,
    交易失败: false,
    拒绝: false,
    已拒绝: false,
  }),
);

/**
 * approved → true, declined → false, else null. A two-character ISO 8583 response code counts
 * too: `00` is approved, any other code (`05`, `51`, `A0`, …) declined — terminals print the code
 * in the 应答 column.
 */
export function parseStatus(cell: string): boolean | null {
  const known = STATUS_WORDS.get(cell) ?? STATUS_WORDS.get(normaliseWord(cell));
  if (known !== undefined) return known;
  const word = normaliseWord(cell);
  if (word.length === 2 && isAlphanumeric(word.charCodeAt(0)) && isAlphanumeric(word.charCodeAt(1))) {
    return word === "00";
  }
  return null;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

const SIGNED_WORDS = new Map<string, boolean>(
  Object.entries({
    y: true,
    yes: true,
    true: true,
    "1": true,
    是: true,
    已签名: true,
    已签: true,
    n: false,
    no: false,
    false: false,
    "0": false,
    否: false,
    未签名: false,
    未签: false,
  }),
);

/** Y/N, 是/否, yes/no, 1/0 → boolean; null when not one of them. */
export function parseSigned(cell: string): boolean | null {
  return SIGNED_WORDS.get(cell) ?? SIGNED_WORDS.get(normaliseWord(cell)) ?? null;
}
