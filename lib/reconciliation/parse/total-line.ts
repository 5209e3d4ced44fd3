// The total line below the data (合计 / 总计 / Total): recognising it and reading the line count it
// may carry. The amounts on it are read like any amount cell (parse-file compares them). Pure.
import { type ColumnMap, isCountHeader } from "@/lib/reconciliation/parse/headers";
import type { Tally, TotalConvention } from "@/lib/reconciliation/parse/records";
import { quoted, rowError } from "@/lib/reconciliation/parse/row-errors";
import { cleanText, formatMinor, isBlank, parseAmountMinor } from "@/lib/reconciliation/parse/values";
import type { AmountUnit, RowError } from "@/lib/reconciliation/types";

/**
 * The first non-empty cell starts with 合计, 总计 or the word Total (any case): "Total:", "TOTAL 123".
 * A word after Total ("Total Energies Ltd", a counterparty a bank file may put first; or "Total
 * Credits") leaves it open: then `isData(row, column)`, given the cell's column, says whether the
 * row is data (the name of a company) or no data (the total line).
 */
export function isTotalLine(row: string[], isData: (row: string[], column: number) => boolean = () => false): boolean {
  for (let column = 0; column < row.length; column++) {
    const text = row[column].trim();
    if (text === "") continue;
    const first = text.charCodeAt(0);
    // quick refusal: a data row's first cell rarely starts with 合, 总, T or t
    if (first !== 0x5408 && first !== 0x603b && first !== 84 && first !== 116) return false;
    if (text.startsWith("合计") || text.startsWith("总计")) return true;
    const rest = /^total(?![a-z])(.*)$/is.exec(text)?.[1];
    if (rest === undefined) return false;
    return !/\p{L}/u.test(rest) || !isData(row, column);
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
  /** The data rows above added up under each convention the file may use, `printed` first. */
  totals: Partial<Record<TotalConvention, Tally>>;
  unit: AmountUnit;
  report: (error: RowError) => void;
}

type Money = "amount" | "fee" | "net";

/**
 * Compares the total line with the rows above it: the amount (and fee and net on a statement)
 * against the rows as one convention adds them up (every row, only the approved, refunds taken
 * off: TotalConvention) — the amount and net under the same one, the fee under it or as printed
 * (an acquirer that keeps its fee on a refund prints it positive) — and the line count, if given,
 * against any convention's count (a portal may count every row listed beside an approved-only
 * amount; a truncated file has fewer rows under every convention, so that lets none through).
 * Otherwise each figure that differs (the money under the convention closest to the line) is a
 * row error at the total line, so the file is refused: a truncated download must never look whole.
 */
export function checkTotalLine(input: TotalLineInput): { line: number; amountMinor: number; count: number | null } {
  const { row, line, header, columns, totals, unit, report } = input;
  const stated = new Map<Money, number>();
  for (const field of ["amount", "fee", "net"] as const) {
    const column = columns[field];
    if (column === undefined || isBlank(row[column])) continue;
    const minor = parseAmountMinor(cleanText(row[column]), unit);
    if (Number.isNaN(minor)) {
      report(rowError(line, header[column] ?? null, "total_amount_invalid", { value: quoted(row[column]) }));
    } else stated.set(field, minor);
  }
  const tallies = Object.values(totals).filter((tally): tally is Tally => tally !== undefined);
  const printed = totals.printed ?? tallies[0];

  // The convention under which the fewest stated sums differ; the first (as printed) on a tie.
  let closest: { tally: Tally; differing: Money[] } | null = null;
  for (const tally of tallies) {
    const differing = [...stated]
      .filter(([figure, value]) => tally[figure] !== value && !(figure === "fee" && printed?.fee === value))
      .map(([figure]) => figure);
    if (!closest || differing.length < closest.differing.length) closest = { tally, differing };
  }
  const show = (minor: number) => (unit === "fen" ? String(minor) : formatMinor(minor));
  for (const figure of closest?.differing ?? []) {
    const column = columns[figure] as number;
    report(
      rowError(line, header[column] ?? null, "total_amount_mismatch", {
        expected: show(stated.get(figure) as number),
        actual: show(closest?.tally[figure] as number),
      }),
    );
  }

  const amountColumns = new Set(
    [columns.amount, columns.fee, columns.net].filter((column): column is number => column !== undefined),
  );
  const count = totalLineCount(row, header, amountColumns);
  if (count !== null && !tallies.some((tally) => tally.count === count)) {
    report(rowError(line, null, "total_count_mismatch", { expected: count, actual: printed?.count ?? 0 }));
  }
  return { line, amountMinor: stated.get("amount") ?? totals.printed?.amount ?? 0, count };
}
