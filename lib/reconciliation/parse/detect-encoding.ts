// What a byte stream is: XLSX (a zip), or CSV text in UTF-8, GB18030/GBK or UTF-16. Chinese bank
// portals export GBK without a BOM, so the rule is: a UTF-16 or GB18030 BOM decides; else the head
// must decode as strict UTF-8 (after a UTF-8 BOM, if any), or it is GB18030 (a superset of GBK) —
// a tool that puts a UTF-8 BOM in front of GBK text is not believed. Excel's "Unicode text" is
// UTF-16LE with a BOM, tab-separated. Pure apart from reading the head off the stream.

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
   * Then the first non-ASCII byte decides (see textDecoderFor).
   */
  undecided: boolean;
}

// At least this much is checked; a head that is still all ASCII is read on up to the larger limit,
// since an English title and header can precede the first GBK byte by more than 64 KB.
const HEAD_BYTES = 64 * 1024;
const MAX_ASCII_HEAD_BYTES = 1024 * 1024;

export async function sniffStream(source: AsyncIterable<Uint8Array>): Promise<SniffedStream> {
  const rest = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  let sawNonAscii = false;
  let zipChecked = false;
  while (size < HEAD_BYTES || (!sawNonAscii && size < MAX_ASCII_HEAD_BYTES)) {
    const next = await rest.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = next.value;
    if (chunk.byteLength === 0) continue;
    parts.push(chunk);
    size += chunk.byteLength;
    if (!sawNonAscii) sawNonAscii = chunk.some((byte) => byte > 0x7f);
    // a zip is known from its first four bytes; no need to read further
    if (!zipChecked && size >= 4) {
      zipChecked = true;
      if (isZip(concat(parts, size))) break;
    }
  }
  const head = concat(parts, size);
  const kind = classify(head, ended);
  const undecided = kind.kind === "utf-8" && !ended && firstNonAscii(head, kind.bomLength) === -1;
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
 * first chunk that holds a non-ASCII byte, from that byte on.
 */
export function textDecoderFor(sniffed: SniffedStream): StreamDecoder {
  if (sniffed.kind === "xlsx") throw new Error("a workbook has no text decoder");
  const decided = (kind: Exclude<FileKind, "xlsx">) => {
    const decoder = new TextDecoder(kind, { ignoreBOM: true });
    return { kind, decode: (bytes?: Uint8Array, options?: { stream?: boolean }) => decoder.decode(bytes, options) };
  };
  if (!sniffed.undecided) return decided(sniffed.kind);
  let current: StreamDecoder | null = null;
  const ascii = new TextDecoder("utf-8");
  return {
    get kind() {
      return current?.kind ?? "utf-8";
    },
    decode(bytes, options) {
      if (current) return current.decode(bytes, options);
      if (!bytes) return "";
      const at = firstNonAscii(bytes, 0);
      if (at === -1) return ascii.decode(bytes);
      const window = bytes.subarray(at, at + DECIDE_BYTES);
      try {
        // stream: a character cut at the window's edge is no evidence against UTF-8
        new TextDecoder("utf-8", { fatal: true }).decode(window, { stream: true });
        current = decided("utf-8");
      } catch {
        current = decided("gb18030");
      }
      return current.decode(bytes, options);
    },
  };
}

/** As much as a head: how many bytes from the first non-ASCII one decide an undecided file. */
const DECIDE_BYTES = 64 * 1024;

/** The index of the first byte above 0x7F from `from` on, or -1. */
function firstNonAscii(bytes: Uint8Array, from: number): number {
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
  const bomLength = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  try {
    // stream: true while more follows, so a character cut at the head's edge is not an error
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(bomLength), { stream: !ended });
    return { kind: "utf-8", bomLength };
  } catch {
    return { kind: "gb18030", bomLength };
  }
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
