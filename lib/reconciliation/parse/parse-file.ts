// Parses one reconciliation file (POS journal, acquirer statement or bank credits; CSV or XLSX)
// into normalised records, streaming: records go out in batches through onBatch (awaited, so the
// caller's writes pace the reading), and only the row errors are kept. No I/O of its own.
import { maskPansLoosely } from "@/lib/card-data/mask-pan";
import type { CardStats } from "@/lib/reconciliation/parse/card-data";
import { RowTooLongError } from "@/lib/reconciliation/parse/csv-splitter";
import type { FileKind } from "@/lib/reconciliation/parse/detect-encoding";
import { expectedHeader, type HeaderMatch, matchHeader, statedAmountUnit } from "@/lib/reconciliation/parse/headers";
import { openRows, type RowStream } from "@/lib/reconciliation/parse/read-rows";
import { RecordReader } from "@/lib/reconciliation/parse/records";
import { rowError } from "@/lib/reconciliation/parse/row-errors";
import { checkTotalLine, isTotalLine } from "@/lib/reconciliation/parse/total-line";
import { isBlank } from "@/lib/reconciliation/parse/values";
import {
  type CustomFormat,
  IMPORT_TYPES,
  type ImportRecord,
  type ImportType,
  type RowError,
} from "@/lib/reconciliation/types";

export interface ParseOptions {
  type: ImportType;
  /** A saved custom format; else the built-in header aliases. */
  format?: CustomFormat | null;
  /** Records per onBatch call; default 5000. */
  batchSize?: number;
  /** Awaited before reading on (backpressure). Rows with errors are never passed. */
  onBatch: (records: ImportRecord[]) => void | Promise<void>;
  onProgress?: (rowsRead: number) => void;
  /** Errors kept (counting goes on); default 100. */
  maxErrors?: number;
  /**
   * The file is a workbook's sheet spooled as CSV (lib/reconciliation/spool.ts): its cells were
   * never split on a delimiter, so a row with cells past the header (a note beside it) is kept.
   */
  fromWorkbook?: boolean;
}

export interface ParseResult {
  /** Data rows read (not title, header, blank or total rows), with or without errors. */
  rowsRead: number;
  /** At most maxErrors, in file order. */
  errors: RowError[];
  errorCount: number;
  /** The file's own total line, if any (amountMinor: its amount cell, or the parsed sum if empty). */
  total: { line: number; amountMinor: number; count: number | null } | null;
  /** Full card numbers found (in any column) and masked. */
  pansMasked: number;
  encoding: FileKind;
  /**
   * line 0 and no columns when no header row was found; terminalColumn: the header of the column
   * holding the terminal id (null in a bank file or without a header), for errors found later by
   * the caller (an unknown terminal) to name the column as the parser's own errors do.
   */
  header: { line: number; columns: string[]; terminalColumn: string | null };
}

/** Title lines above the header are looked through this far for a header row. */
export const HEADER_SEARCH_ROWS = 30;

export async function parseImportFile(source: AsyncIterable<Uint8Array>, options: ParseOptions): Promise<ParseResult> {
  const { type, format, onBatch, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const maxErrors = options.maxErrors ?? 100;
  const stats: CardStats = { pansMasked: 0 };
  const result: ParseResult = {
    rowsRead: 0,
    errors: [],
    errorCount: 0,
    total: null,
    pansMasked: 0,
    encoding: "utf-8",
    header: { line: 0, columns: [], terminalColumn: null },
  };
  const report = (error: RowError) => {
    result.errorCount++;
    if (result.errors.length < maxErrors) result.errors.push(error);
  };

  // A failure of the source itself (storage, network) or of the caller's onBatch (its database,
  // its job's lease) is the caller's, not a bad file: rethrown, so the job is retried or stops —
  // not the import failed as "unreadable".
  const failure: { error?: unknown } = {};
  const stream: RowStream = await openRows(tracked(source, failure));
  result.encoding = stream.encoding;

  let line = 0;
  let nonBlankRows = 0;
  let header: string[] = [];
  let best: { line: number; row: string[]; match: HeaderMatch } | null = null;
  // A header row that has every column of another kind of file, and more of its columns than the
  // kind chosen finds in any row: the kind chosen was wrong. (A bank file needs only a date and an
  // amount, which every journal has: a journal missing one column is not a bank file.)
  let otherKind: { line: number; type: ImportType; matched: number } | null = null;
  let reader: RecordReader | null = null;
  let records: ImportRecord[] = [];
  const flush = async () => {
    if (records.length === 0) return;
    const batch = records;
    records = [];
    try {
      await onBatch(batch);
    } catch (error) {
      failure.error = error;
      throw error;
    }
    onProgress?.(result.rowsRead);
  };

  try {
    reading: for await (const rows of stream.batches) {
      for (const row of rows) {
        line++;
        if (isBlankRow(row)) continue;
        nonBlankRows++;
        if (reader === null) {
          // Looking for the header row among the title lines.
          if (format && line <= format.skipRows) continue;
          const match = matchHeader(row, type, format);
          if (!best || match.matched > best.match.matched) best = { line, row, match };
          if (match.missing.length > 0 && !format) {
            for (const other of IMPORT_TYPES) {
              if (other === type) continue;
              const fits = matchHeader(row, other);
              if (fits.missing.length === 0 && fits.matched > (otherKind?.matched ?? 0)) {
                otherKind = { line, type: other, matched: fits.matched };
              }
            }
          }
          if (match.missing.length > 0 && !format && line < HEADER_SEARCH_ROWS) continue;
          if (match.missing.length > 0) break reading; // reported below from `best`
          header = row.map((cell) => maskPansLoosely(cell.trim()));
          if (!format && statedAmountUnit(header, match.columns) === "mixed") {
            // 金额(元) beside 手续费(分): no one unit to read the file's amounts in
            report(rowError(line, null, "amount_units_mixed"));
            break reading;
          }
          const tidIndex = match.columns.tid;
          result.header = { line, columns: header, terminalColumn: tidIndex === undefined ? null : header[tidIndex] };
          reader = new RecordReader(type, match.columns, header, format, stats, !options.fromWorkbook);
          continue;
        }
        if (result.total) {
          // Below the total line only a footer may follow. Data there (a subtotal taken for the
          // total, a second section) would be dropped unchecked: refuse the file instead.
          if (reader.looksLikeData(row)) {
            report(rowError(line, null, "data_after_total", { totalLine: result.total.line }));
            break reading;
          }
          continue;
        }
        if (isTotalLine(row, (cells, column) => (reader as RecordReader).isDataWithTotalWordAt(cells, column))) {
          const { columns, unit } = reader;
          const totals = reader.totals(result.rowsRead);
          result.total = checkTotalLine({ row, line, header, columns, totals, unit, report });
          continue;
        }
        result.rowsRead++;
        const record = reader.read(row, line);
        if (record) {
          records.push(record);
          if (records.length >= batchSize) await flush();
        } else {
          for (const error of reader.takeErrors()) report(error);
        }
      }
    }
  } catch (error) {
    if (failure.error !== undefined) throw failure.error;
    if (error instanceof RowTooLongError) {
      report(rowError(line + 1, null, error.unclosedQuote ? "quote_unterminated" : "row_too_long", {}));
    } else {
      // exceljs on a damaged workbook, or bytes that are no spreadsheet at all
      report(rowError(Math.max(line, 1), null, "file_unreadable"));
    }
  }

  if (reader === null && result.errorCount === 0) {
    if (otherKind && otherKind.matched > (best?.match.matched ?? 0)) {
      report(rowError(otherKind.line, null, `looks_like_${otherKind.type}`));
    } else reportHeaderProblem(nonBlankRows, best, type, format, report, result);
  }
  await flush();
  onProgress?.(result.rowsRead);
  result.pansMasked = stats.pansMasked;
  result.encoding = stream.encoding; // settled by now for a file that began all ASCII
  return result;
}

function reportHeaderProblem(
  nonBlankRows: number,
  best: { line: number; row: string[]; match: HeaderMatch } | null,
  type: ImportType,
  format: CustomFormat | null | undefined,
  report: (error: RowError) => void,
  result: ParseResult,
) {
  if (nonBlankRows === 0) {
    report(rowError(1, null, "file_empty"));
    return;
  }
  // A row that names some fields is the header with columns missing; else there is no header.
  if (best && (best.match.matched >= 2 || format)) {
    result.header = {
      line: best.line,
      columns: best.row.map((cell) => maskPansLoosely(cell.trim())),
      terminalColumn: null,
    };
    for (const column of best.match.missing) report(rowError(best.line, column, "column_missing", { column }));
    return;
  }
  // No header, so no column to blame: the message names the one to look for, in each reader's words.
  const field = type === "bank_credit" ? "amount" : "tid";
  report(
    // no_header_row, not header_not_found: failed imports keep errors of that reason without the
    // Chinese name, and their message must still read.
    rowError(1, null, "no_header_row", {
      rows: HEADER_SEARCH_ROWS,
      column: expectedHeader(field, type, format, false),
      chineseColumn: expectedHeader(field, type, format, true),
    }),
  );
}

/** No cell holds anything but spaces (usually decided by the first cell). */
function isBlankRow(row: string[]): boolean {
  for (const cell of row) if (!isBlank(cell)) return false;
  return true;
}

async function* tracked(source: AsyncIterable<Uint8Array>, failure: { error?: unknown }): AsyncGenerator<Uint8Array> {
  try {
    yield* source;
  } catch (error) {
    failure.error = error;
    throw error;
  }
}
