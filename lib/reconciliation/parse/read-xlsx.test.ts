import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
