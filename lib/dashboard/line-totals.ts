// The POS journal's counts of every store over a period per store, terminal and operator, from the
// running totals of DashboardTransactionDay (issue 10): the totals at the period's last day with
// lines less those before its first — two days of rows (~3,000 a side for a chain) whatever the
// period's length. The dashboard's rates of every store and the unsigned-rate alert rule read it.
import "server-only";
import type { Tx } from "@/lib/db/client";

export const LINE_COUNT_COLUMNS = [
  "transactions",
  "sales",
  "unsigned",
  "declines",
  "duplicates",
  "voids",
  "refunds",
] as const;

export type LineCounts = Record<(typeof LINE_COUNT_COLUMNS)[number], number>;

export interface LineTotalsRow extends LineCounts {
  /** "" when the line's terminal is unknown */
  storeId: string;
  terminal: string;
  operator: string;
}

type TotalRow = { day: string; storeId: string; terminal: string; operator: string } & Record<
  (typeof LINE_COUNT_COLUMNS)[number],
  number | bigint
>;

/** Every store × terminal × operator with lines in the local days from `from` to `to`. */
export async function readLineTotals(
  db: Pick<Tx, "$queryRaw">,
  { merchantId, from, to }: { merchantId: string; from: string; to: string },
): Promise<LineTotalsRow[]> {
  const [bounds] = await db.$queryRaw<{ hi: string | null; lo: string | null }[]>`
    SELECT
      (SELECT MAX("day") FROM "DashboardTransactionDay"
        WHERE "merchantId" = ${merchantId} AND "dimension" = 'total' AND "day" <= ${to}) AS "hi",
      (SELECT MAX("day") FROM "DashboardTransactionDay"
        WHERE "merchantId" = ${merchantId} AND "dimension" = 'total' AND "day" < ${from}) AS "lo"`;
  const hi = bounds?.hi ?? null;
  const lo = bounds?.lo ?? null;
  if (hi === null || (lo !== null && lo >= hi)) return [];
  const totals = await db.$queryRaw<TotalRow[]>`
    SELECT "day", "storeId", "terminal", "operator", "transactions", "sales", "unsigned",
      "declines", "duplicates", "voids", "refunds"
    FROM "DashboardTransactionDay"
    WHERE "merchantId" = ${merchantId} AND "dimension" = 'total' AND "day" IN (${hi}, ${lo ?? hi})`;
  const keyOf = (row: TotalRow) => `${row.storeId}|${row.terminal}|${row.operator}`;
  const before = new Map(totals.filter((row) => row.day === lo).map((row) => [keyOf(row), row]));
  const rows: LineTotalsRow[] = [];
  for (const row of totals) {
    if (row.day !== hi) continue;
    const earlier = before.get(keyOf(row));
    const period: LineTotalsRow = {
      storeId: row.storeId,
      terminal: row.terminal,
      operator: row.operator,
      ...Object.fromEntries(
        LINE_COUNT_COLUMNS.map((column) => [column, Number(row[column]) - Number(earlier?.[column] ?? 0)]),
      ),
    } as LineTotalsRow;
    if (period.transactions > 0) rows.push(period);
  }
  return rows;
}
