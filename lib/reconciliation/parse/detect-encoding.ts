// What a byte stream is: XLSX (a zip), or CSV text in UTF-8, GB18030/GBK or UTF-16. Chinese bank
// portals export GBK without a BOM, so the rule is: a UTF-16 or GB18030 BOM decides; else the head
// must decode as strict UTF-8 (after a UTF-8 BOM, if any), or it is GB18030 (a superset of GBK) —
// a tool that puts a UTF-8 BOM in front of GBK text is not believed. Excel's "Unicode text" is
// UTF-16LE with a BOM, tab-separated. Pure apart from reading the head off the stream.
import { isAscii } from "node:buffer";

export type FileKind = "xlsx" | "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export interface SniffedStream {
  kind: FileKind;
  /** The bytes read to decide, to be processed before the rest. */
  head: Uint8Array;
  /** The rest of the stream (the same iterator, continued). */
  rest: AsyncIterator<Uint8Array>;
  /** Bytes of a byte-order mark at the start of `head`, to skip. */
  bomLength: number;
  /**
   * UTF-8 only for want of evidence: the head (past any UTF-8 BOM) is all ASCII and more follows.
   * Then the bytes from the first non-ASCII one on decide (see textDecoderFor).
   */
  undecided: boolean;
}

// At least this much is checked; a head that is still all ASCII is read on up to the larger limit,
// since an English title and header can precede the first GBK byte by more than 64 KB.
const HEAD_BYTES = 64 * 1024;
const MAX_ASCII_HEAD_BYTES = 1024 * 1024;
/**
 * Bytes from the first non-ASCII one on that a decision waits for (unless the stream ends first):
 * a GBK lead byte or two cut off at a chunk's edge (微 is CE A2) pass for the start of a UTF-8
 * character, so a few bytes prove nothing.
 */
const MIN_DECIDE_BYTES = 4 * 1024;
/** As much as a head: at most this many bytes from the first non-ASCII one are checked. */
const DECIDE_BYTES = 64 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export async function sniffStream(source: AsyncIterable<Uint8Array>): Promise<SniffedStream> {
  const rest = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  let nonAsciiAt = -1; // in the whole stream, past a UTF-8 BOM
  let bomSeen = 0; // how many of the stream's first bytes are a UTF-8 BOM's
  let zipChecked = false;
  while (
    size < HEAD_BYTES ||
    (nonAsciiAt === -1 && size < MAX_ASCII_HEAD_BYTES) ||
    (nonAsciiAt !== -1 && size - nonAsciiAt < MIN_DECIDE_BYTES)
  ) {
    const next = await rest.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = next.value;
    if (chunk.byteLength === 0) continue;
    if (nonAsciiAt === -1) {
      let from = 0;
      while (bomSeen < 3 && bomSeen === size + from && chunk[from] === UTF8_BOM[bomSeen]) {
        from++;
        bomSeen++;
      }
      const at = firstNonAscii(chunk, from);
      if (at !== -1) nonAsciiAt = size + at;
    }
    parts.push(chunk);
    size += chunk.byteLength;
    // a zip is known from its first four bytes; no need to read further
    if (!zipChecked && size >= 4) {
      zipChecked = true;
      if (isZip(concat(parts, size))) break;
    }
  }
  const head = concat(parts, size);
  const kind = classify(head, ended);
  const undecided = kind.kind === "utf-8" && !ended && nonAsciiAt === -1;
  return { ...kind, head, rest, undecided };
}

/** A CSV's decoder: its text as it streams, and the encoding it was read in (known once decided). */
export interface StreamDecoder {
  readonly kind: FileKind;
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * The decoder of a sniffed CSV. A head that was all ASCII decided nothing (a GBK export may have
 * an English title and header and its first Chinese memo megabytes down): its bytes are ASCII
 * either way, and the encoding is decided as a head's is — strict UTF-8, else GB18030 — on the
 * bytes from the first non-ASCII one on, held back until there are MIN_DECIDE_BYTES of them or
 * the stream ends (so no more than that beyond one chunk is held).
 */
export function textDecoderFor(sniffed: SniffedStream): StreamDecoder {
  if (sniffed.kind === "xlsx") throw new Error("a workbook has no text decoder");
  const decided = (kind: Exclude<FileKind, "xlsx">) => {
    const decoder = new TextDecoder(kind, { ignoreBOM: true });
    return { kind, decode: (bytes?: Uint8Array, options?: { stream?: boolean }) => decoder.decode(bytes, options) };
  };
  if (!sniffed.undecided) return decided(sniffed.kind);
  let current: StreamDecoder | null = null;
  const held: Uint8Array[] = [];
  let heldSize = 0;
  const ascii = new TextDecoder("utf-8");
  return {
    get kind() {
      return current?.kind ?? "utf-8";
    },
    decode(bytes, options) {
      if (current) return current.decode(bytes, options);
      let text = "";
      let undecided = bytes;
      if (bytes && heldSize === 0) {
        const at = firstNonAscii(bytes, 0);
        if (at === -1) return ascii.decode(bytes);
        text = ascii.decode(bytes.subarray(0, at));
        undecided = bytes.subarray(at);
      }
      if (undecided && undecided.byteLength > 0) {
        // a copy: a source may reuse its buffer for the next chunk
        held.push(undecided.slice());
        heldSize += undecided.byteLength;
      }
      const ended = !options?.stream;
      if (heldSize === 0 || (!ended && heldSize < MIN_DECIDE_BYTES)) return text;
      const evidence = concat(held, heldSize);
      held.length = 0;
      heldSize = 0;
      const more = !ended || evidence.byteLength > DECIDE_BYTES;
      current = decided(isUtf8(evidence.subarray(0, DECIDE_BYTES), more) ? "utf-8" : "gb18030");
      return text + current.decode(evidence, options);
    },
  };
}

/** Strict UTF-8; with `more` (more bytes follow), a character cut at the end is no evidence against. */
function isUtf8(bytes: Uint8Array, more: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: more });
    return true;
  } catch {
    return false;
  }
}

/** The index of the first byte above 0x7F from `from` on, or -1. */
function firstNonAscii(bytes: Uint8Array, from: number): number {
  // native: a file that defers its decision is megabytes of ASCII, scanned chunk by chunk
  if (isAscii(bytes.subarray(from))) return -1;
  for (let i = from; i < bytes.length; i++) if (bytes[i] > 0x7f) return i;
  return -1;
}

function classify(head: Uint8Array, ended: boolean): { kind: FileKind; bomLength: number } {
  if (isZip(head)) return { kind: "xlsx", bomLength: 0 };
  const kind = utf16Of(head);
  if (kind) return { kind, bomLength: 2 };
  if (head[0] === 0x84 && head[1] === 0x31 && head[2] === 0x95 && head[3] === 0x33) {
    return { kind: "gb18030", bomLength: 4 };
  }
  const bomLength = head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2] ? 3 : 0;
  // more follows unless ended, so a character cut at the head's edge is not an error
  return { kind: isUtf8(head.subarray(bomLength), !ended) ? "utf-8" : "gb18030", bomLength };
}

/** UTF-16 by its byte-order mark (FF FE little-endian, FE FF big-endian), else null. */
export function utf16Of(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
