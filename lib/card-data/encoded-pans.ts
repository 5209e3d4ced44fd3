// Card numbers hidden behind an encoding: a URL writes a space as `+` or `%20` and may escape the
// digits themselves (`%34`, twice over as `%2534`), and a JSON text writes `\u0034` or `\n`. Logs
// and headers carry such text as it came, so it is decoded before the detector looks. Pure.
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";

/** Rounds of decoding: enough for a value encoded a few times over, and bounded whatever comes. */
const MAX_ROUNDS = 4;

const PERCENT_ESCAPES = /(?:%[0-9a-f]{2})+/gi;
const JSON_ESCAPE = /\\(?:u([0-9a-f]{4})|([nrtbf"\\/]))/gi;
const JSON_SHORT_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
const utf8 = new TextDecoder();

/**
 * The text with `+`, percent-escapes and JSON escapes undone, repeatedly, for scanning only: what
 * cannot be decoded (a stray `%ZZ`, bytes that are not UTF-8) is kept or replaced, never thrown.
 */
export function decodeForScan(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = unescapeJson(percentDecode(current.replaceAll("+", " ")));
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * Masks card numbers in text that may be encoded. When a number shows only once decoded, the
 * decoded text is returned, masked: a mask cannot be placed inside the encoding itself.
 */
export function maskEncodedPans(text: string): string {
  const masked = maskPans(text);
  const decoded = decodeForScan(masked);
  return decoded !== masked && containsPan(decoded) ? maskPans(decoded) : masked;
}

/** True when the text holds a card number as written or once decoded. */
export function containsEncodedPan(text: string): boolean {
  return containsPan(text) || containsPan(decodeForScan(text));
}

function percentDecode(text: string): string {
  return text.replace(PERCENT_ESCAPES, (escapes) =>
    utf8.decode(Uint8Array.from(escapes.slice(1).split("%"), (hex) => Number.parseInt(hex, 16))),
  );
}

function unescapeJson(text: string): string {
  return text.replace(JSON_ESCAPE, (sequence, hex: string | undefined, short: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(Number.parseInt(hex, 16));
    return JSON_SHORT_ESCAPES[short ?? ""] ?? sequence.slice(1);
  });
}
