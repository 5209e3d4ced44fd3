// The SQL that sums POS journal lines into DashboardTransactionDay (issue 10), per local day:
// "line" rows per store, terminal and operator (the store, terminal and operator breakdowns are
// sums of them), "hour" rows per store and hour, and per hour of all stores together (storeId "*").
// Plain SQL both databases read, with `?` placeholders (the import job's line store) — the same
// text, days and merchant left out, backfilled the lines imported before it (migration
// 20261201210000). Transactions are every POS line not still staged; sales the approved sales;
// unsigned and duplicate lines are the matcher's categories; declines the lines not approved;
// voids and refunds their transaction types.

export const TRANSACTION_DIMENSIONS = ["line", "hour"] as const;
export type TransactionDimension = (typeof TRANSACTION_DIMENSIONS)[number];

const COUNTS = `COUNT(*),
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END)`;

const COLUMNS = `"merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds"`;

export const LINE_STORE_SQL = `COALESCE(l."storeId", '')`;
export const LINE_TERMINAL_SQL = `COALESCE(l."terminalId", l."tid", '')`;
export const LINE_OPERATOR_SQL = `COALESCE(l."operator", '')`;
export const LINE_HOUR_SQL = `COALESCE(substr(l."txAt", 12, 2), '')`;

const ROWS: { dimension: TransactionDimension; columns: [string, string, string, string]; group: string[] }[] = [
  {
    dimension: "line",
    columns: [LINE_STORE_SQL, LINE_TERMINAL_SQL, LINE_OPERATOR_SQL, "''"],
    group: [LINE_STORE_SQL, LINE_TERMINAL_SQL, LINE_OPERATOR_SQL],
  },
  { dimension: "hour", columns: [LINE_STORE_SQL, "''", "''", LINE_HOUR_SQL], group: [LINE_STORE_SQL, LINE_HOUR_SQL] },
  { dimension: "hour", columns: ["'*'", "''", "''", LINE_HOUR_SQL], group: [LINE_HOUR_SQL] },
];

/**
 * The statements that count the lines again: with `dayCount`, one merchant's days (params: the
 * merchant id, then the days — for each statement); without, every line of every merchant.
 */
export function rebuildTransactionDaysSql(dayCount?: number): string[] {
  const days = dayCount === undefined ? "" : ` AND l."day" IN (${Array(dayCount).fill("?").join(", ")})`;
  const merchant = dayCount === undefined ? "" : ` AND l."merchantId" = ?`;
  const deleteRows =
    dayCount === undefined
      ? `DELETE FROM "DashboardTransactionDay"`
      : `DELETE FROM "DashboardTransactionDay" WHERE "merchantId" = ? AND "day" IN (${Array(dayCount).fill("?").join(", ")})`;
  return [
    deleteRows,
    ...ROWS.map(
      ({ dimension, columns, group }) => `INSERT INTO "DashboardTransactionDay" (${COLUMNS})
    SELECT l."merchantId", '${dimension}', l."day", ${columns.join(", ")}, ${COUNTS}
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'${merchant}${days}
    GROUP BY l."merchantId", l."day", ${group.join(", ")}`,
    ),
  ];
}
