// Helpers for the parser's tests: files as byte streams in any chunking, and GB18030 bytes built
// from Node's own decoder (no GBK encoder is installed; TextEncoder only writes UTF-8).
import { type ParseOptions, type ParseResult, parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import type { ImportRecord } from "@/lib/reconciliation/types";

let gbkTable: Map<string, number[]> | null = null;

/** Text as GB18030 bytes: ASCII as is, every other character through its two-byte GBK code. */
export function gb18030Bytes(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== "\ufffd" && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

export function utf8Bytes(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** The bytes as a stream of chunks of `size` bytes (the last may be shorter). */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.slice(offset, offset + size);
}

/** Parses the bytes, collecting every batch. */
export async function parseBytes(
  bytes: Uint8Array,
  options: Omit<ParseOptions, "onBatch"> & { chunkSize?: number },
): Promise<ParseResult & { records: ImportRecord[] }> {
  const records: ImportRecord[] = [];
  const result = await parseImportFile(chunked(bytes, options.chunkSize), {
    ...options,
    onBatch: (batch) => {
      records.push(...batch);
    },
  });
  return { ...result, records };
}

/** Rows of cells as CSV text; a cell holding the delimiter, a quote or a line break is quoted. */
export function csv(rows: string[][], { delimiter = ",", newline = "\r\n" } = {}): string {
  const cell = (text: string) =>
    text.includes(delimiter) || text.includes('"') || text.includes("\n") ? `"${text.replaceAll('"', '""')}"` : text;
  return rows.map((row) => row.map(cell).join(delimiter)).join(newline) + newline;
}
