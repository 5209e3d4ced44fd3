// The total line below the data (合计 / 总计 / Total): recognising it and reading the line count it
// may carry. The amounts on it are read like any amount cell (parse-file compares them). Pure.
import { type ColumnMap, isCountHeader } from "@/lib/reconciliation/parse/headers";
import type { ColumnSums, TotalConventions } from "@/lib/reconciliation/parse/records";
import { quoted, rowError } from "@/lib/reconciliation/parse/row-errors";
import { cleanText, formatMinor, isBlank, parseAmountMinor } from "@/lib/reconciliation/parse/values";
import type { AmountUnit, RowError } from "@/lib/reconciliation/types";

/**
 * The first non-empty cell starts with 合计, 总计 or the word Total (any case): "Total:", "TOTAL 123".
 * A word after Total ("Total Energies Ltd", a counterparty a bank file may put first; or "Total
 * amount") leaves it open: then the row is a total line only if `isData` says it is no data row
 * (its date, terminal and amount cells are not all filled, as on a total line they are not).
 */
export function isTotalLine(row: string[], isData: (row: string[]) => boolean = () => false): boolean {
  for (const cell of row) {
    const text = cell.trim();
    if (text === "") continue;
    const first = text.charCodeAt(0);
    // quick refusal: a data row's first cell rarely starts with 合, 总, T or t
    if (first !== 0x5408 && first !== 0x603b && first !== 84 && first !== 116) return false;
    if (text.startsWith("合计") || text.startsWith("总计")) return true;
    const rest = /^total(?![a-z])(.*)$/is.exec(text)?.[1];
    if (rest === undefined) return false;
    return !/\p{L}/u.test(rest) || !isData(row);
  }
  return false;
}

// "共 123 笔", "123笔", "123 条", "123 items", "Count: 123", "笔数：123" — the count with its unit.
const COUNT_WITH_UNIT = [
  /(\d[\d,]*)\s*(?:笔|条|行|项)/,
  /(\d[\d,]*)\s*(?:items?|transactions?|txns?|records?|rows?|lines?|entries)\b/i,
  /(?:count|笔数|条数|记录数)\s*[:：=]?\s*(\d[\d,]*)/i,
];

/**
 * The line count on a total line, or null when it gives none. A count is taken from a cell that
 * says it is one (a unit: 笔, 条, items, rows; or a label: Count, 笔数), or from a bare integer
 * under a count header (笔数, Count). A bare integer elsewhere is not taken: it could be anything.
 * Cells in `amountColumns` are never read for a count.
 */
export function totalLineCount(row: string[], header: string[], amountColumns: Set<number>): number | null {
  for (let column = 0; column < row.length; column++) {
    if (amountColumns.has(column)) continue;
    const text = row[column].trim();
    if (text === "") continue;
    if (/^\d[\d,]*$/.test(text)) {
      if (header[column] !== undefined && isCountHeader(header[column])) return toCount(text);
      continue;
    }
    for (const pattern of COUNT_WITH_UNIT) {
      const found = pattern.exec(text);
      if (found) return toCount(found[1]);
    }
  }
  return null;
}

function toCount(text: string): number {
  return Number(text.replaceAll(",", ""));
}

interface TotalLineInput {
  row: string[];
  line: number;
  header: string[];
  columns: ColumnMap;
  /** Sums of the amount columns over the data rows above. */
  sums: ColumnSums;
  /** The other ways the amount column and the count may be added up (approved only, net). */
  conventions: TotalConventions;
  unit: AmountUnit;
  rowsRead: number;
  report: (error: RowError) => void;
}

/**
 * Compares the total line with the rows above it: the amount column (and fee and net on a
 * statement) against the sums of the parsed cells of that column, and the line count, if given,
 * against the data rows read — the amount and the count also as other exports add them up (only
 * approved rows, refunds taken off, only credits: TotalConventions). Any difference is a row
 * error at the total line, so the file is refused: a truncated download must never look whole.
 */
export function checkTotalLine(input: TotalLineInput): { line: number; amountMinor: number; count: number | null } {
  const { row, line, header, columns, sums, conventions, unit, rowsRead, report } = input;
  // Fee and net are checked as printed; the amount and the count as any known convention adds them.
  const amounts = new Set([sums.amount, ...Object.values(conventions.amounts)]);
  const counts = new Set([rowsRead, ...Object.values(conventions.counts).filter((count) => count > 0)]);
  const show = (minor: number) => (unit === "fen" ? String(minor) : formatMinor(minor));
  let amountMinor = sums.amount;
  for (const field of ["amount", "fee", "net"] as const) {
    const column = columns[field];
    if (column === undefined || isBlank(row[column])) continue;
    const stated = parseAmountMinor(cleanText(row[column]), unit);
    if (Number.isNaN(stated)) {
      report(rowError(line, header[column] ?? null, "total_amount_invalid", { value: quoted(row[column]) }));
      continue;
    }
    if (field === "amount") amountMinor = stated;
    if (field === "amount" ? !amounts.has(stated) : stated !== sums[field]) {
      report(
        rowError(line, header[column] ?? null, "total_amount_mismatch", {
          expected: show(stated),
          actual: show(sums[field]),
        }),
      );
    }
  }
  const amountColumns = new Set(
    [columns.amount, columns.fee, columns.net].filter((column): column is number => column !== undefined),
  );
  const count = totalLineCount(row, header, amountColumns);
  if (count !== null && !counts.has(count)) {
    report(rowError(line, null, "total_count_mismatch", { expected: count, actual: rowsRead }));
  }
  return { line, amountMinor, count };
}
