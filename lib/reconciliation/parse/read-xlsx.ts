// The first sheet of an XLSX file as rows of cell texts, streamed with exceljs's WorkbookReader
// (the `xlsx` package on npm is stuck with unfixed CVEs). Cells become the text a CSV export of
// the same sheet would hold: dates as wall-clock text, numbers without float noise.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";

const BATCH_ROWS = 1000;

export async function* readXlsxRows(
  head: Uint8Array,
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<string[][], void, undefined> {
  const input = Readable.from(replay(head, rest), { objectMode: false });
  // styles: 'cache' — without it date cells come back as serial numbers
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
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
      break; // the first sheet only
    }
  } finally {
    input.destroy();
    await rest.return?.();
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
