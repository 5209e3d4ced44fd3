// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF
// line ends, RFC 4180 quoting, and formula-injection safety — a cell that starts with = + - @, a
// tab or a carriage return would be run by Excel or Sheets as a formula, so it gets a leading '
// (OWASP's advice). Pure.

export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised if it could start a formula, quoted if it holds a quote, comma or line end. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, then each row's cells joined by commas, each row ended by CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
