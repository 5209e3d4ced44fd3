// Rates per 1,000 POS transactions (issue 10) and the rows that stand out from their siblings.
// Pure: the counts come from the journal's summary rows (lib/dashboard/transaction-rollup.ts).
import { robustZScores } from "@/lib/dashboard/robust-z";
import { RATE_KINDS, type RateRow } from "@/lib/schemas/dashboard";

export type RateKind = (typeof RATE_KINDS)[number];

export interface TransactionCounts {
  transactions: number;
  sales: number;
  unsigned: number;
  declines: number;
  duplicates: number;
  voids: number;
  refunds: number;
}

/** A row is an outlier on a rate whose robust z-score is above this … */
export const OUTLIER_Z = 3.5;
/** … among the rows with at least this many transactions (fewer say nothing about a rate). */
export const OUTLIER_MIN_TRANSACTIONS = 20;

export function emptyCounts(): TransactionCounts {
  return { transactions: 0, sales: 0, unsigned: 0, declines: 0, duplicates: 0, voids: 0, refunds: 0 };
}

export function addCounts(into: TransactionCounts, more: TransactionCounts): TransactionCounts {
  into.transactions += more.transactions;
  into.sales += more.sales;
  into.unsigned += more.unsigned;
  into.declines += more.declines;
  into.duplicates += more.duplicates;
  into.voids += more.voids;
  into.refunds += more.refunds;
  return into;
}

/** count per 1,000 transactions, to a tenth; null without transactions. */
export function perThousand(count: number, transactions: number): number | null {
  return transactions === 0 ? null : Math.round((count * 10_000) / transactions) / 10;
}

export function rateRow(key: string, label: string, counts: TransactionCounts): RateRow {
  const { transactions, sales, ...byKind } = counts;
  return {
    key,
    label,
    transactions,
    sales,
    counts: byKind,
    perThousand: {
      unsigned: perThousand(byKind.unsigned, transactions),
      declines: perThousand(byKind.declines, transactions),
      duplicates: perThousand(byKind.duplicates, transactions),
      voids: perThousand(byKind.voids, transactions),
      refunds: perThousand(byKind.refunds, transactions),
    },
    outliers: [],
  };
}

/**
 * Marks, on each rate, the rows (with enough transactions) whose rate stands out above their
 * siblings' (robust z-score over the unrounded rates above OUTLIER_Z); then sorts the rows by
 * transactions, most first (ties by key).
 */
export function markOutliers(rows: RateRow[]): RateRow[] {
  const eligible = rows.filter((row) => row.transactions >= OUTLIER_MIN_TRANSACTIONS);
  if (eligible.length >= 3) {
    for (const kind of RATE_KINDS) {
      const scores = robustZScores(eligible.map((row) => row.counts[kind] / row.transactions));
      eligible.forEach((row, i) => {
        if (scores[i] > OUTLIER_Z) row.outliers.push(kind);
      });
    }
  }
  return rows.sort((a, b) => b.transactions - a.transactions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
