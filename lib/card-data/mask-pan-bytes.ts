// Masks card numbers in raw file bytes, before a file is written anywhere (the upload spool), in
// any ASCII-compatible encoding: UTF-8 and GB18030 write ASCII digits, spaces and dashes as single
// bytes that never occur inside a multi-byte character's run of digits, so a run of digit bytes is
// a run of digits in the text. Digits are replaced byte for byte (`*`), so nothing else moves and
// the encoding stays intact. The parser masks again on decoded text (lib/card-data/mask-pan.ts,
// which also knows full-width digits and other separators) before anything reaches the database.
import { hasCardIssuerPrefix, maskPansNotJudged, passesLuhn } from "@/lib/card-data/mask-pan";

const DIGIT = /[0-9]/;
// At least 13 digits, optionally separated by one space or dash: how card numbers are written in
// exports; or groups joined by one symbol used throughout, no spaces ("6222/0276/5432/1019",
// "6222_0276_…"), as a system that writes no spaces pastes them — a date and a time side by side
// never join into one such run. Shorter runs (amounts, dates, times, reference numbers) never reach
// the callback (the lookahead wants 13 digits first), which keeps this at memory speed on 100 MB.
const RUN =
  /(?<![0-9])(?:[0-9](?:[ -]?[0-9]){12,}|(?=(?:[0-9][/_:|;+~\\]?){13})[0-9]+([/_:|;+~\\])[0-9]+(?:\1[0-9]+)*)(?![0-9])/g;
/** The symbols of the second kind of run (char codes), which a run cut at a chunk's end may hold. */
const SYMBOLS = new Set([..."/_:|;+~\\"].map((character) => character.charCodeAt(0)));
/** Longest tail kept back for the next chunk: a run longer than this is no card number anyway. */
const MAX_CARRY = 64;

/**
 * Where the run of digits (and single spaces or dashes between them) that ends the text starts, or
 * the text's length when it does not end in one. Scanned backwards: a regular expression anchored
 * at the end tries every digit of the chunk as a start (a second per 50 MB, measured).
 */
function trailingRunStart(text: string): number {
  let start = text.length;
  let i = text.length - 1;
  if (i >= 0 && isSeparator(text.charCodeAt(i))) i--;
  while (i >= 0) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      start = i;
      i--;
    } else if (isSeparator(code) && i > 0) {
      const before = text.charCodeAt(i - 1);
      if (before < 48 || before > 57) break;
      i--;
    } else break;
  }
  return start;
}

function isSeparator(code: number): boolean {
  return code === 32 || code === 45 || SYMBOLS.has(code);
}

function maskDigits(run: string): string {
  const digits = run.replace(/[^0-9]/g, "");
  let seen = 0;
  let out = "";
  for (const char of run) {
    if (DIGIT.test(char)) {
      seen++;
      out += seen <= 6 || seen > digits.length - 4 ? char : "*";
    } else out += char;
  }
  return out;
}

/** A card number by length, issuer range (lib/card-data/mask-pan.ts) and check digit. */
function isPan(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && hasCardIssuerPrefix(digits) && passesLuhn(digits);
}

/** Masks one run: as a whole when it is a card number, else each unseparated group that is one. */
function maskRun(run: string, onMasked: () => void): string {
  const digits = run.replace(/[^0-9]/g, "");
  if (digits.length < 13) return run;
  if (isPan(digits)) {
    onMasked();
    return maskDigits(run);
  }
  return run.replace(/[0-9]+/g, (group) => {
    if (!isPan(group)) return group;
    onMasked();
    return maskDigits(group);
  });
}

/**
 * A streaming masker: feed chunks, get masked chunks back (a digit run at a chunk's end is held
 * until the next chunk shows where it ends), then `end()` for the rest.
 */
export function createByteMasker() {
  let carry = "";
  let masked = 0;
  const count = () => {
    masked++;
  };
  return {
    push(chunk: Buffer): Buffer {
      // latin1 maps each byte to one character and back, so offsets and bytes survive unchanged.
      const text = carry + chunk.toString("latin1");
      const start = trailingRunStart(text);
      // A trailing separator alone (no digit before it) is nothing to hold back.
      const cut = start < text.length && text.length - start <= MAX_CARRY ? start : text.length;
      carry = text.slice(cut);
      return Buffer.from(
        text.slice(0, cut).replace(RUN, (run) => maskRun(run, count)),
        "latin1",
      );
    },
    end(): Buffer {
      const rest = carry.replace(RUN, (run) => maskRun(run, count));
      carry = "";
      return Buffer.from(rest, "latin1");
    },
    get masked() {
      return masked;
    },
  };
}

/** A run of ASCII digits with single spaces or dashes: what the byte rule above judges. */
const BYTE_JUDGED = /^[0-9]+(?:[ -][0-9]+)*$/;

/**
 * One text out of a file (a spreadsheet cell, a previewed cell) masked as the file's bytes would
 * be — a card number keeps its first six (the issuer, which finance reads) and last four — so an
 * XLSX and its CSV export come out the same. What the byte rule cannot see (digits of another
 * script, other separators) then goes through maskPans to `****` and its last four; a run the byte
 * rule already judged is not judged again, as maskPans has no issuer check and a merchant id or a
 * time stamp passes Luhn one time in ten.
 */
export function maskFileText(text: string): string {
  const masked = text.replace(RUN, (run) => maskRun(run, () => {}));
  return maskPansNotJudged(masked, (run) => BYTE_JUDGED.test(run));
}
