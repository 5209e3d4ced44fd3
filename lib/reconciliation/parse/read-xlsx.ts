// The first sheet of an XLSX file as rows of cell texts, streamed with exceljs's WorkbookReader
// (the `xlsx` package on npm is stuck with unfixed CVEs). Cells become the text a CSV export of
// the same sheet would hold: dates as wall-clock text, numbers without float noise.
//
// A zip is read in the order its entries were written, and Excel (and exceljs) write the sheets
// before the shared strings and styles a sheet's cells refer to: such a sheet has to be held until
// they have come by. exceljs holds it as plain XML in a temporary file — every card number of the
// sheet in clear on disk, left there for good by a process killed mid-read, and by any read that
// stops early. FirstSheetReader holds it sealed instead (AES-256-CTR under a key that lives only
// in this process's memory), removes it however the read ends, and reads no sheet but the first.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import iterateStream from "exceljs/lib/utils/iterate-stream";
import unzipper from "unzipper";

const BATCH_ROWS = 1000;

/** The bytes are no workbook exceljs can read: not a zip, cut short, or damaged. */
export class WorkbookUnreadableError extends Error {
  constructor(cause: unknown) {
    super(`workbook unreadable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "WorkbookUnreadableError";
  }
}

export async function* readXlsxRows(
  head: Uint8Array,
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<string[][], void, undefined> {
  const input = Readable.from(replay(head, rest), { objectMode: false });
  const held = new SealedSheet();
  // styles: 'cache' — without it date cells come back as serial numbers
  const workbook = new FirstSheetReader(input, held, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  try {
    for await (const sheet of workbook) {
      let batch: string[][] = [];
      let nextRow = 1;
      for await (const row of sheet) {
        // rows the sheet leaves out are blank rows: keep the numbering a spreadsheet shows
        for (; nextRow < row.number; nextRow++) batch.push([]);
        batch.push(rowCells(row));
        nextRow = row.number + 1;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    // The upload's own failure (a body cut short) is the caller's to tell, and a disk that cannot
    // hold the sheet (ENOSPC, a TMPDIR that is gone) is the server's fault: all else is the file.
    if (workbook.sourceError !== null) throw workbook.sourceError;
    throw isSystemError(error) ? error : new WorkbookUnreadableError(error);
  } finally {
    input.destroy();
    await held.remove();
    await rest.return?.();
  }
}

/**
 * A failed system call (its name is on every such error Node throws). Reading a zip and its XML
 * makes none: the only ones a read makes are the held sheet's, on the temporary directory.
 */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

/** exceljs's WorkbookReader's own steps, which its parse() takes in the zip's order. */
interface ReaderSteps {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

interface ZipEntry extends Readable {
  path: string;
  /** Its local header's fields, as unzipper read them. */
  vars: { flags: number; crc32: number; uncompressedSize: number };
  autodrain(): unknown;
}

/** exceljs's WorkbookReader with its parse() redone: the first sheet only, held sealed if it must wait. */
class FirstSheetReader extends ExcelJS.stream.xlsx.WorkbookReader {
  sourceError: unknown = null;

  constructor(
    private readonly source: Readable,
    private readonly held: SealedSheet,
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  ) {
    super(source, options);
  }

  override async *parse(): AsyncGenerator<unknown> {
    const steps = this as unknown as ReaderSteps;
    const zip = unzipper.Parse({ forceStream: true });
    let active: ZipEntry | null = null;
    // unzipper reports a zip cut short or damaged (its inflater's errors too) on the zip, not on
    // the entry being read: whoever reads that entry would wait for its end for good.
    zip.on("error", (error) => active?.destroy(error));
    // pipe() passes data, not failures: without this a source that fails leaves the zip waiting
    this.source.on("error", (error) => {
      this.sourceError = error;
      active?.destroy(error);
      zip.destroy(error);
    });
    this.source.pipe(zip);
    const seen = new Set<string>();
    let waiting: string | null = null;
    for await (const entry of iterateStream(zip) as AsyncIterable<ZipEntry>) {
      // Its reader, if any, is told of its failure by its own listener; an entry being drained
      // has none, and an 'error' no one listens to would take the process down.
      entry.on("error", () => {});
      active = entry;
      const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)?.[1];
      if (entry.path === "xl/_rels/workbook.xml.rels") await steps._parseRels(entry);
      else if (entry.path === "xl/workbook.xml") await steps._parseWorkbook(entry);
      else if (entry.path === "xl/styles.xml") await steps._parseStyles(entry);
      else if (entry.path === "xl/sharedStrings.xml") {
        for await (const _ of steps._parseSharedStrings(Readable.from(checked(entry, "sst"))));
      } else if (sheetNo !== undefined && waiting === null) {
        if (READ_FIRST.every((name) => seen.has(name))) {
          // Everything its cells refer to is in: read it as it streams past, and no further.
          yield* steps._parseWorksheet(checked(entry, "worksheet"), sheetNo);
          return;
        }
        await this.held.write(checked(entry, "worksheet"));
        waiting = sheetNo;
      }
      seen.add(entry.path);
      entry.autodrain();
    }
    if (waiting !== null) yield* steps._parseWorksheet(this.held.read(), waiting);
  }
}

/** What a sheet's cells refer to. A workbook without one of them has each of its sheets held. */
const READ_FIRST = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml"];

/** Bit 3 of a local header's flags: CRC-32 and sizes follow the data, and the header holds zeros. */
const SIZES_AFTER_DATA = 0x08;

/**
 * The XML of an entry whose text becomes cells (the sheet, the shared strings), checked as it
 * passes. unzipper inflates without checking, and damaged deflate data can inflate to other text,
 * or end early, without an error: the sheet would be read as other or fewer rows. So the CRC-32
 * and size its local header states must match (a writer that streams states them only after the
 * data, where a streamed read does not see them), and the text must end by closing its root
 * element either way.
 */
async function* checked(entry: ZipEntry, root: string): AsyncGenerator<Buffer> {
  let size = 0;
  let crc = 0;
  let tail = "";
  // Node's own iterator, not exceljs's iterateStream: it also throws a failure that came before
  // the reading began (a held sheet is read only once its directory is made; the zip may fail
  // meanwhile, and the entry would then never end)
  for await (const chunk of entry as AsyncIterable<Buffer>) {
    size += chunk.length;
    crc = zlib.crc32(chunk, crc);
    tail = (tail + chunk.subarray(-TAIL_CHARS).toString("latin1")).trimEnd().slice(-TAIL_CHARS);
    yield chunk;
  }
  const { flags, crc32, uncompressedSize } = entry.vars;
  if ((flags & SIZES_AFTER_DATA) === 0 && (crc !== crc32 || size !== uncompressedSize)) {
    throw new Error(`${entry.path} is damaged: its CRC-32 or size is not the one its header states`);
  }
  if (!closesRoot(tail, root)) throw new Error(`${entry.path} is cut short: it does not end with </${root}>`);
}

/** Enough of a text's end to hold its closing root tag, or a root that is empty, `<sst … />`. */
const TAIL_CHARS = 1024;

/**
 * Whether XML's end closes its root element: `</worksheet>` (or `</x:worksheet>`), or the root
 * written empty and self-closing (`<sst count="0" uniqueCount="0" xmlns="…"/>`: a workbook that
 * keeps its text inline), past any comments and processing instructions after it.
 */
function closesRoot(tail: string, root: string): boolean {
  let end = tail;
  for (let trimmed = end.replace(TRAILING_MISC, ""); trimmed !== end; trimmed = end.replace(TRAILING_MISC, "")) {
    end = trimmed;
  }
  const name = `(?:[\\w.-]+:)?${root}`;
  return new RegExp(`(?:</${name}\\s*>|<${name}(?:\\s[^<>]*)?/>)$`).test(end);
}

/** Whitespace, a comment or a processing instruction at the end of a text. */
const TRAILING_MISC = /(?:\s+|<!--(?:(?!-->)[\s\S])*-->|<\?(?:(?!\?>)[\s\S])*\?>)$/;

/** One sheet's XML in a temporary file, encrypted under a key that is never written anywhere. */
class SealedSheet {
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private dir: string | null = null;

  private get file(): string {
    if (this.dir === null) throw new Error("nothing held");
    return path.join(this.dir, "sheet");
  }

  async write(xml: AsyncIterable<Buffer>): Promise<void> {
    this.dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "slipcase-xlsx-"));
    const cipher = createCipheriv("aes-256-ctr", this.key, this.iv);
    await pipeline(xml, cipher, fs.createWriteStream(this.file, { mode: 0o600 }));
  }

  async *read(): AsyncGenerator<Buffer> {
    const decipher = createDecipheriv("aes-256-ctr", this.key, this.iv);
    for await (const chunk of fs.createReadStream(this.file) as AsyncIterable<Buffer>) yield decipher.update(chunk);
    const last = decipher.final();
    if (last.length > 0) yield last;
  }

  async remove(): Promise<void> {
    if (this.dir !== null) await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}

async function* replay(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values;
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells: string[] = [];
  // exceljs rows are 1-based: index 0 is always empty
  for (let column = 1; column < list.length; column++) {
    const value = list[column];
    const text = cellText(value);
    cells.push(isNumber(value) ? zeroPadded(text, row.getCell(column).numFmt) : text);
  }
  return cells;
}

/** A number, or a formula whose result is one. */
function isNumber(value: ExcelJS.CellValue | undefined): boolean {
  if (typeof value === "number") return true;
  return typeof value === "object" && value !== null && typeof (value as { result?: unknown }).result === "number";
}

/**
 * A number the sheet shows zero-padded (format "000000": how trace, batch and terminal numbers are
 * kept as numbers) as it is shown, "000124", not as stored, 124 — else it no longer matches the
 * statement's trace number.
 */
export function zeroPadded(text: string, numFmt: string | undefined): string {
  if (!numFmt || !/^0+$/.test(numFmt) || !/^\d+$/.test(text)) return text;
  return text.padStart(numFmt.length, "0");
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    // integers as written (long references and card numbers keep every digit); fractions rounded
    // to 15 significant digits, which removes binary noise such as 1280.4999999999998
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return wallClock(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result);
  if ("text" in value && typeof value.text === "string") return value.text;
  return "";
}

/**
 * exceljs turns a date serial into a Date as if the sheet's wall clock were UTC, so the UTC fields
 * are the wall clock: no zone shift. A time without a date (Excel's day 0, 1899-12-30) is only a time.
 */
function wallClock(date: Date): string {
  const time = Math.round(date.getTime() / 1000) * 1000;
  if (Number.isNaN(time)) return "";
  const iso = new Date(time).toISOString();
  const day = iso.slice(0, 10);
  const clock = iso.slice(11, 19);
  if (day === "1899-12-30" || day === "1899-12-31") return clock;
  return `${day} ${clock}`;
}
