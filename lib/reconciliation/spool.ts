// The upload spool: where an uploaded file waits for its import job. A file is received into a
// temporary name while it is hashed (the same file again is recognised by its SHA-256), counted
// (413 past the limit, however the body was sent) and its card numbers masked byte for byte
// (lib/card-data/mask-pan-bytes.ts) — so no full card number is ever written to disk — and is
// renamed to its import's name only once the import row exists. Every instance must see
// UPLOAD_DIR (a shared volume when instances run on several hosts): any of them may run the job.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createByteMasker, maskFileText } from "@/lib/card-data/mask-pan-bytes";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { sizeLimitText } from "@/lib/reconciliation/imports/size-limit-text";
import { createLineCounter } from "@/lib/reconciliation/line-counter";
import { utf16Of } from "@/lib/reconciliation/parse/detect-encoding";
import { openRows } from "@/lib/reconciliation/parse/read-rows";
import { WorkbookUnreadableError } from "@/lib/reconciliation/parse/read-xlsx";

export interface ReceivedSpool {
  tmpPath: string;
  /** SHA-256 (hex) of the bytes as uploaded. */
  contentHash: string;
  byteSize: number;
  /** Line breaks in the file: the job's progress is measured against it. */
  lineCount: number;
  /** Card numbers masked on the way in. */
  pansMasked: number;
  /** An XLSX, spooled as a CSV of its first sheet. */
  fromWorkbook: boolean;
}

function spoolDir(): string {
  return path.resolve(env.UPLOAD_DIR);
}

export function spoolPathOf(importId: string): string {
  if (!/^[a-z0-9]+$/i.test(importId)) throw new Error("Not an import id.");
  return path.join(spoolDir(), `${importId}.upload`);
}

export function openSpool(importId: string): Readable {
  return fs.createReadStream(spoolPathOf(importId), { highWaterMark: 1024 * 1024 });
}

export async function removeSpool(importId: string): Promise<void> {
  await fs.promises.rm(spoolPathOf(importId), { force: true });
}

export async function discardTmp(tmpPath: string): Promise<void> {
  await fs.promises.rm(tmpPath, { force: true });
}

/** Thrown (as a 413) when a file is larger than the limit; the partial file is already removed. */
export function tooLarge(limitBytes: number): AppError {
  const message = {
    reason: "FILE_TOO_LARGE",
    params: { limit: sizeLimitText(limitBytes) },
  } as const;
  return new AppError("PAYLOAD_TOO_LARGE", message, { file: message });
}

/** Bytes enough to tell a zip (PK\x03\x04) or a UTF-16 byte-order mark. */
const SNIFF_BYTES = 4;

/** Streams an uploaded file into the spool under a temporary name. */
export async function receiveSpool(source: Readable, { limitBytes }: { limitBytes: number }): Promise<ReceivedSpool> {
  await fs.promises.mkdir(spoolDir(), { recursive: true });
  const tmpPath = path.join(spoolDir(), `tmp-${randomUUID()}`);
  const hash = createHash("sha256");
  let byteSize = 0;
  // Every byte as uploaded: counted against the limit and hashed, whatever is written.
  async function* accounted(): AsyncGenerator<Buffer> {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      byteSize += chunk.length;
      if (byteSize > limitBytes) throw tooLarge(limitBytes);
      hash.update(chunk);
      yield chunk;
    }
  }
  const bytes = accounted();
  // What the file is (a zip, UTF-16) is read off its first four bytes, which a network chunk may
  // cut: read on until there are four, or the file ends.
  const parts: Buffer[] = [];
  let headSize = 0;
  try {
    while (headSize < SNIFF_BYTES) {
      const next = await bytes.next();
      if (next.done) break;
      parts.push(next.value);
      headSize += next.value.length;
    }
  } catch (error) {
    await discardTmp(tmpPath);
    throw error;
  }
  const head = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    yield* bytes;
  }
  try {
    const utf16 = utf16Of(head);
    const fromWorkbook = isZip(head);
    const written = fromWorkbook
      ? await writeXlsxAsCsv(all(), tmpPath)
      : await writeMaskedCsv(utf16 ? asUtf8(all(), utf16) : all(), tmpPath);
    return { tmpPath, contentHash: hash.digest("hex"), byteSize, fromWorkbook, ...written };
  } catch (error) {
    await discardTmp(tmpPath);
    throw error;
  }
}

/**
 * UTF-16 text (Excel's "Unicode text") as UTF-8, so the byte masker, which reads digits as the
 * single bytes every ASCII-compatible encoding writes them as, finds its card numbers: in UTF-16
 * each digit is two bytes and would pass unseen. The byte-order mark is dropped; the lines stay.
 */
async function* asUtf8(bytes: AsyncIterable<Buffer>, encoding: "utf-16le" | "utf-16be"): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== "") yield Buffer.from(text, "utf8");
  }
  const rest = decoder.decode();
  if (rest !== "") yield Buffer.from(rest, "utf8");
}

function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** A CSV as uploaded, card numbers masked byte for byte, lines counted. */
async function writeMaskedCsv(
  bytes: AsyncIterable<Buffer>,
  tmpPath: string,
): Promise<{ lineCount: number; pansMasked: number }> {
  const masker = createByteMasker();
  const lines = createLineCounter();
  const mask = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      lines.push(chunk);
      done(null, masker.push(chunk));
    },
    flush(done) {
      done(null, masker.end());
    },
  });
  await pipeline(Readable.from(bytes), mask, fs.createWriteStream(tmpPath));
  return { lineCount: lines.count(), pansMasked: masker.masked };
}

/**
 * An XLSX (a zip, so its card numbers cannot be masked in its bytes) is read as it arrives — its
 * first sheet, row by row — and spooled as a UTF-8 CSV of the same rows, each cell's card numbers
 * masked: the workbook itself is never written to disk. Row i of the CSV is row i of the sheet,
 * so line numbers in errors stay those a spreadsheet shows.
 */
async function writeXlsxAsCsv(
  bytes: AsyncIterable<Buffer>,
  tmpPath: string,
): Promise<{ lineCount: number; pansMasked: number }> {
  const { batches } = await openRows(bytes);
  let lineCount = 0;
  let pansMasked = 0;
  async function* lines(): AsyncGenerator<string> {
    yield "\ufeff";
    for await (const batch of batches) {
      let text = "";
      for (const cells of batch) {
        lineCount++;
        text += `${cells
          .map((cell) => {
            const masked = cell.length >= 13 ? maskFileText(cell) : cell;
            if (masked !== cell) pansMasked++;
            return /[",\r\n]/.test(masked) ? `"${masked.replaceAll('"', '""')}"` : masked;
          })
          .join(",")}\r\n`;
      }
      yield text;
    }
  }
  try {
    await pipeline(Readable.from(lines()), fs.createWriteStream(tmpPath));
  } catch (error) {
    if (!(error instanceof WorkbookUnreadableError)) throw error;
    // A 422 naming the file: the workbook as a whole is unreadable (no line of it can be named)
    const message = { reason: "WORKBOOK_UNREADABLE" } as const;
    throw new AppError("RULE_VIOLATION", message, { file: message });
  }
  return { lineCount, pansMasked };
}

/** Gives a received file its import's name. */
export async function commitSpool(tmpPath: string, importId: string): Promise<void> {
  await fs.promises.rename(tmpPath, spoolPathOf(importId));
}
