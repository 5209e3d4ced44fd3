import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, expect, test } from "vitest";
import { readXlsxRows, WorkbookUnreadableError } from "@/lib/reconciliation/parse/read-xlsx";
import { chunked } from "@/lib/reconciliation/parse/test-files";

// A 16-digit card number (Luhn-valid) kept as a number cell: it is written into the sheet's own
// XML, which is what a reader has to hold somewhere when the sheet comes before the shared strings.
const PAN = 6228480402564890;

let tmp: string;
const savedTmpdir = process.env.TMPDIR;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-xlsx-test-"));
  // os.tmpdir() reads TMPDIR on every call: whatever the reader spools goes here, where it is seen
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every file under dir, recursively, with its bytes. */
function filesUnder(dir: string): { name: string; bytes: Buffer }[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).flatMap((name) => {
    const full = path.join(dir, name);
    return fs.statSync(full).isFile() ? [{ name, bytes: fs.readFileSync(full) }] : [];
  });
}

/** Two sheets, the first of 2,500 rows with the card number on its last one; strings shared. */
async function workbookWithCard(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("流水");
  sheet.addRow(["交易时间", "终端号", "卡号", "交易金额"]);
  for (let i = 0; i < 2500; i++) sheet.addRow(["2026-11-30 10:00:00", "T1", i === 2499 ? PAN : "622848******0001", 1]);
  workbook.addWorksheet("second").addRow(["other", PAN]);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  // The case under test: the zip holds the sheets before the shared strings (exceljs's own writer
  // orders them so, as Excel does), so the first sheet cannot be read as it streams past.
  const text = Buffer.from(bytes).toString("latin1");
  expect(text.indexOf("xl/worksheets/sheet1.xml")).toBeGreaterThan(-1);
  expect(text.indexOf("xl/worksheets/sheet1.xml")).toBeLessThan(text.indexOf("xl/sharedStrings.xml"));
  return bytes;
}

function read(bytes: Uint8Array, chunkSize = 4096) {
  const source = chunked(bytes, chunkSize)[Symbol.asyncIterator]();
  const head = bytes.subarray(0, 0);
  return readXlsxRows(head, source);
}

test("a sheet held back until the shared strings arrive is never on disk as text, and nothing is left after", async () => {
  const bytes = await workbookWithCard();
  const rows: string[][] = [];
  let checkedMidway = false;
  for await (const batch of read(bytes)) {
    rows.push(...batch);
    if (!checkedMidway) {
      // Mid-read — where a process killed now would leave its files for good
      checkedMidway = true;
      for (const file of filesUnder(tmp)) {
        expect(file.bytes.includes(String(PAN)), `${file.name} holds the card number`).toBe(false);
        expect(file.bytes.includes("<sheetData"), `${file.name} holds the sheet's XML`).toBe(false);
      }
    }
  }
  expect(checkedMidway).toBe(true);
  expect(rows).toHaveLength(2501);
  expect(rows[0]).toEqual(["交易时间", "终端号", "卡号", "交易金额"]);
  expect(rows[2500]).toEqual(["2026-11-30 10:00:00", "T1", String(PAN), "1"]);
  expect(filesUnder(tmp)).toEqual([]);
});

test("a read stopped after its first rows leaves no file behind", async () => {
  const bytes = await workbookWithCard();
  for await (const batch of read(bytes)) {
    expect(batch.length).toBeGreaterThan(0);
    break;
  }
  expect(filesUnder(tmp)).toEqual([]);
});

test("a workbook cut short or damaged is refused as unreadable, and nothing is left behind", async () => {
  const bytes = await workbookWithCard();
  for (const damaged of [
    bytes.subarray(0, Math.floor(bytes.length / 2)),
    bytes.subarray(0, bytes.length - 200),
    Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("not really a zip".repeat(100))]),
  ]) {
    await expect(async () => {
      for await (const _batch of read(damaged)) {
        // rows before the damage may come; the error must follow them
      }
    }).rejects.toBeInstanceOf(WorkbookUnreadableError);
    expect(filesUnder(tmp)).toEqual([]);
  }
});

/** 400 rows of distinct texts and numbers: a sheet deflated to several kilobytes, as Excel writes it. */
async function workbookOfRows(): Promise<{ bytes: Uint8Array; rows: string[][] }> {
  const rows = [["参考号", "卡号", "交易金额"]];
  for (let i = 1; i <= 400; i++)
    rows.push([`REF${String(i).padStart(6, "0")}`, `622848******${String(i).padStart(4, "0")}`, String(i * 3)]);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("流水");
  sheet.addRow(rows[0]);
  for (const [reference, card, amount] of rows.slice(1)) sheet.addRow([reference, card, Number(amount)]);
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), rows };
}

interface ZipEntryAt {
  name: string;
  /** Offset of the entry's local header. */
  header: number;
  /** Offsets of its compressed data, end excluded. */
  data: number;
  end: number;
}

/** A zip's entries in the order written; their local headers must state their sizes, as exceljs's do. */
function zipEntries(bytes: Uint8Array): ZipEntryAt[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: ZipEntryAt[] = [];
  for (let header = 0; zip.readUInt32LE(header) === 0x04034b50; header = entries[entries.length - 1].end) {
    expect(zip.readUInt16LE(header + 6) & 0x08, "sizes after the data").toBe(0);
    const nameLength = zip.readUInt16LE(header + 26);
    const data = header + 30 + nameLength + zip.readUInt16LE(header + 28);
    const name = zip.toString("utf8", header + 30, header + 30 + nameLength);
    entries.push({ name, header, data, end: data + zip.readUInt32LE(header + 18) });
  }
  return entries;
}

function entryAt(bytes: Uint8Array, name: string): ZipEntryAt {
  const entry = zipEntries(bytes).find((each) => each.name === name);
  if (entry === undefined) throw new Error(`no ${name} in the zip`);
  return entry;
}

/**
 * The workbook with its first sheet moved after every other entry, so that it is read as it
 * streams past, not held. The central directory, which a streamed read does not use, is left as
 * it was.
 */
function sheetLast(bytes: Uint8Array): Uint8Array {
  const sheet = entryAt(bytes, "xl/worksheets/sheet1.xml");
  const entriesEnd = zipEntries(bytes).at(-1)?.end ?? 0;
  return Buffer.concat([
    bytes.subarray(0, sheet.header),
    bytes.subarray(sheet.end, entriesEnd),
    bytes.subarray(sheet.header, sheet.end),
    bytes.subarray(entriesEnd),
  ]);
}

/**
 * The bytes as an upload brings them: a kilobyte at a time, a few milliseconds apart, so the reader
 * has taken in each entry before the bytes after it come — which is when a failure found on the
 * zip, not on the entry, leaves whoever reads the entry waiting.
 */
async function* trickled(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunked(bytes, 1024)) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield chunk;
  }
}

/** Every row the reader gives, or its error; "hung" when it has given neither within seconds. */
async function outcome(rows: AsyncGenerator<string[][]>): Promise<unknown> {
  const all = async () => {
    const read: string[][] = [];
    for await (const batch of rows) read.push(...batch);
    return read;
  };
  const hung = new Promise((resolve) => setTimeout(() => resolve("hung"), 10_000).unref());
  return Promise.race([all().catch((error: unknown) => error), hung]);
}

/** An outcome in a few words, so that a failing expectation names it rather than printing 400 rows. */
function verdict(result: unknown, rows: string[][]): string {
  if (result instanceof WorkbookUnreadableError) return "refused";
  if (!Array.isArray(result)) return String(result);
  if (result.length < rows.length) return `only ${result.length} of ${rows.length} rows`;
  return JSON.stringify(result) === JSON.stringify(rows) ? "all rows" : "other rows";
}

test("a workbook cut short or garbled as it arrives is refused without hanging, and nothing is left behind", async () => {
  const { bytes } = await workbookOfRows();
  const sheet = entryAt(bytes, "xl/worksheets/sheet1.xml");
  const midSheet = Math.floor((sheet.data + sheet.end) / 2);
  const garbled = Uint8Array.from(bytes);
  garbled.fill(0xa5, midSheet, midSheet + 64);
  const cuts = [0.3, 0.5, 0.7, 0.9].map((share) => bytes.subarray(0, Math.floor(bytes.length * share)));
  for (const damaged of [...cuts, garbled]) {
    const head = damaged.subarray(0, 0);
    expect(await outcome(readXlsxRows(head, trickled(damaged)))).toBeInstanceOf(WorkbookUnreadableError);
    expect(fs.readdirSync(os.tmpdir()), "the held sheet's directory").toEqual([]);
  }
});

test("an upload that fails mid-sheet is reported as its own failure, without hanging, and nothing is left behind", async () => {
  const { bytes } = await workbookOfRows();
  const sheet = entryAt(bytes, "xl/worksheets/sheet1.xml");
  const failure = Object.assign(new Error("upload aborted"), { code: "ECONNRESET" });
  async function* failingMidSheet(): AsyncGenerator<Uint8Array> {
    yield* trickled(bytes.subarray(0, Math.floor((sheet.data + sheet.end) / 2)));
    throw failure;
  }
  expect(await outcome(readXlsxRows(bytes.subarray(0, 0), failingMidSheet()))).toBe(failure);
  expect(fs.readdirSync(os.tmpdir()), "the held sheet's directory").toEqual([]);
});

test("a byte flipped in the deflated sheet or shared strings is refused, never read as fewer or other rows", async () => {
  const { bytes: asWritten, rows } = await workbookOfRows();
  // the sheet held until the shared strings have come, and read as it streams past
  for (const bytes of [asWritten, sheetLast(asWritten)]) {
    const layout = bytes === asWritten ? "held" : "streamed";
    for (const name of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]) {
      const entry = entryAt(bytes, name);
      for (let tenth = 1; tenth <= 9; tenth++) {
        for (const flip of [0x01, 0x10, 0x80]) {
          const damaged = Uint8Array.from(bytes);
          damaged[entry.data + Math.floor(((entry.end - entry.data) * tenth) / 10)] ^= flip;
          // Damage the inflater cannot see may leave the text as it was: then it is the whole sheet
          const result = verdict(await outcome(read(damaged)), rows);
          const where = `${layout}: ${name} at ${tenth}/10, ^${flip}`;
          expect(["refused", "all rows"], `${where}: ${result}`).toContain(result);
        }
      }
    }
  }
});

test("a sheet whose deflate data ends early, without an error, is refused, not read as its first rows", async () => {
  const { bytes, rows } = await workbookOfRows();
  const sheet = entryAt(bytes, "xl/worksheets/sheet1.xml");
  const xml = inflateRawSync(bytes.subarray(sheet.data, sheet.end));
  // What damage in deflate data can do: a block read as the last one, the rows after it lost
  const early = deflateRawSync(xml.subarray(0, xml.indexOf('<row r="200"')));
  // The header as the writer left it (size and CRC-32 of the whole sheet), and as a writer that
  // streams leaves it: flag 0x08, CRC and size zero (stated after the data, where a streamed read
  // does not see them).
  for (const streamedWriter of [false, true]) {
    const header = Buffer.from(bytes.subarray(sheet.header, sheet.data));
    header.writeUInt32LE(early.length, 18);
    if (streamedWriter) {
      header.writeUInt16LE(header.readUInt16LE(6) | 0x08, 6);
      header.writeUInt32LE(0, 14);
      header.writeUInt32LE(0, 22);
    }
    const damaged = Buffer.concat([bytes.subarray(0, sheet.header), header, early, bytes.subarray(sheet.end)]);
    const layout = streamedWriter ? "sizes after the data" : "sizes in the header";
    expect(verdict(await outcome(read(damaged)), rows), layout).toBe("refused");
  }
});

test("a temporary directory that cannot be written is the server's failure, not the file's", async () => {
  const bytes = await workbookWithCard();
  const missing = path.join(tmp, "missing");
  process.env.TMPDIR = missing;
  expect(os.tmpdir()).toBe(missing);
  const result = await outcome(read(bytes));
  expect(result).not.toBeInstanceOf(WorkbookUnreadableError);
  expect(result).toMatchObject({ code: "ENOENT", syscall: "mkdtemp" });
});

/**
 * The workbook with one entry's XML put in its place (deflated, under a local header of its own);
 * one the zip lacks goes right after the first sheet.
 */
function withEntry(bytes: Uint8Array, name: string, xml: string): Uint8Array {
  const text = Buffer.from(xml, "utf8");
  const data = deflateRawSync(text);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt16LE(8, 8); // deflated
  header.writeUInt32LE(crc32(text), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(text.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  const entry = Buffer.concat([header, Buffer.from(name), data]);
  const existing = zipEntries(bytes).find((each) => each.name === name);
  const [from, to] = existing
    ? [existing.header, existing.end]
    : Array(2).fill(entryAt(bytes, "xl/worksheets/sheet1.xml").end);
  return Buffer.concat([bytes.subarray(0, from), entry, bytes.subarray(to)]);
}

// Found by review: the check that a sheet or its shared strings is whole refused a workbook whose
// shared strings are an empty root written self-closing (its text kept inline), and one with a
// comment after the root — both valid XML that Excel opens.
test("an empty shared-strings root written self-closing, or a comment after a root, is a whole workbook", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("流水");
  sheet.addRow([20261130, 128050]);
  sheet.addRow([20261201, 99]);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const sheetXml = inflateRawSync(
    bytes.subarray(entryAt(bytes, "xl/worksheets/sheet1.xml").data, entryAt(bytes, "xl/worksheets/sheet1.xml").end),
  ).toString("utf8");
  const variants = [
    withEntry(
      bytes,
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<sst ${ns} count="0" uniqueCount="0"/>`,
    ),
    withEntry(
      bytes,
      "xl/sharedStrings.xml",
      `<?xml version="1.0"?><sst ${ns} count="0" uniqueCount="0"></sst>\n<!-- end -->\n`,
    ),
    withEntry(bytes, "xl/worksheets/sheet1.xml", `${sheetXml}\n<?generator slipcase?>\n<!-- written by a portal -->`),
  ];
  for (const [index, variant] of variants.entries()) {
    for (const layout of [variant, sheetLast(variant)]) {
      expect(await outcome(read(layout)), `variant ${index}`).toEqual([
        ["20261130", "128050"],
        ["20261201", "99"],
      ]);
    }
  }
});
