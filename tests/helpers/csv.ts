// Reads back the CSV files the app writes (lib/incidents/export-csv.ts and the streamed exports): a
// BOM, RFC 4180 quoting, CRLF after every row. Read with papaparse, a parser of its own, so the tests
// do not check the writer against a second copy of the same idea of CSV.
import Papa from "papaparse";
import { CSV_BOM } from "@/lib/incidents/export-csv";

/** The rows of cells of a CSV file as the app writes it; throws when the file is not that (no BOM,
 * a last row without CRLF, a quote that never closes). A blank line is a row of one empty cell. */
export function csvRows(text: string): string[][] {
  if (!text.startsWith(CSV_BOM)) throw new Error("the CSV does not start with a BOM");
  const body = text.slice(CSV_BOM.length);
  if (body === "") return [];
  if (!body.endsWith("\r\n")) throw new Error("the CSV's last row does not end with CRLF");
  const { data, errors } = Papa.parse<string[]>(body, { delimiter: ",", newline: "\r\n", quoteChar: '"' });
  if (errors.length > 0) {
    throw new Error(`not RFC 4180 CSV: ${errors.map((error) => `${error.message} (row ${error.row})`).join("; ")}`);
  }
  // After the last CRLF papaparse reads one more row, empty: the file has none there.
  data.pop();
  return data;
}
