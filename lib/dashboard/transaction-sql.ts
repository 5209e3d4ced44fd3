// The SQL that sums POS journal lines into DashboardTransactionDay (issue 10): per local day by
// store, terminal, operator and hour of day (per store, and "*" for all stores together). Plain SQL
// both databases read, with `?` placeholders (the import job's line store) — the same text, days
// and merchant left out, backfilled the lines imported before it (migration 20261201210000).
// Transactions are every POS line not still staged; sales the approved sales; unsigned and
// duplicate lines are the matcher's categories; declines the lines not approved; voids and refunds
// their transaction types.

export const TRANSACTION_DIMENSIONS = ["store", "terminal", "operator", "hour"] as const;
export type TransactionDimension = (typeof TRANSACTION_DIMENSIONS)[number];

const COUNTS = `COUNT(*),
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END)`;

const COLUMNS = `"merchantId", "dimension", "day", "storeId", "key", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds"`;

const STORE = `COALESCE(l."storeId", '')`;
const KEYS: { dimension: TransactionDimension; storeId: string; key: string }[] = [
  { dimension: "store", storeId: STORE, key: STORE },
  { dimension: "terminal", storeId: STORE, key: `COALESCE(l."terminalId", l."tid", '')` },
  { dimension: "operator", storeId: STORE, key: `COALESCE(l."operator", '')` },
  { dimension: "hour", storeId: STORE, key: `COALESCE(substr(l."txAt", 12, 2), '')` },
  { dimension: "hour", storeId: `'*'`, key: `COALESCE(substr(l."txAt", 12, 2), '')` },
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
    ...KEYS.map(
      ({ dimension, storeId, key }) => `INSERT INTO "DashboardTransactionDay" (${COLUMNS})
    SELECT l."merchantId", '${dimension}', l."day", ${storeId}, ${key}, ${COUNTS}
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'${merchant}${days}
    GROUP BY l."merchantId", l."day", ${storeId === STORE ? `${STORE}, ` : ""}${key}`,
    ),
  ];
}
