// The SQL that sums POS journal lines into DashboardTransactionDay (issue 10), per local day:
// "line" rows per store, terminal and operator (the store, terminal and operator breakdowns are
// sums of them), "hour" rows per store and hour, and per hour of all stores together (storeId "*");
// then "total" rows: each line row's running sum through the day, on every day a merchant has
// lines, so a period of every store is one day's totals less another's (3,000 rows a side).
// Plain SQL both databases read, with `?` placeholders (the import job's line store) — the same
// text, days and merchant left out, backfilled the lines imported before it (migration
// 20261201210000). Transactions are every POS line not still staged; sales the approved sales;
// unsigned and duplicate lines are the matcher's categories; declines the lines not approved;
// voids and refunds their transaction types.

/** The matcher's categories the sums count (below); an import counts a day again when a line moves in or out. */
export const COUNTED_LINE_CATEGORIES = ["unsigned", "duplicate"] as const;

export const TRANSACTION_DIMENSIONS = ["line", "hour", "total"] as const;
export type TransactionDimension = (typeof TRANSACTION_DIMENSIONS)[number];

const COLUMNS = `"merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds"`;

export const LINE_STORE_SQL = `COALESCE(l."storeId", '')`;
export const LINE_TERMINAL_SQL = `COALESCE(l."terminalId", l."tid", '')`;
export const LINE_OPERATOR_SQL = `COALESCE(l."operator", '')`;
export const LINE_HOUR_SQL = `COALESCE(substr(l."txAt", 12, 2), '')`;

/** The sums of each finest group, named as DashboardTransactionDay's count columns. */
const FINE_COUNTS = `COUNT(*) AS "transactions",
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END) AS "sales",
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END) AS "unsigned",
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END) AS "declines",
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END) AS "duplicates",
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END) AS "voids",
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END) AS "refunds"`;

const ROWS: { dimension: TransactionDimension; columns: [string, string, string, string]; group: string[] }[] = [
  {
    dimension: "line",
    columns: ['f."storeId"', 'f."terminal"', 'f."operator"', "''"],
    group: ['f."storeId"', 'f."terminal"', 'f."operator"'],
  },
  { dimension: "hour", columns: ['f."storeId"', "''", "''", 'f."hour"'], group: ['f."storeId"', 'f."hour"'] },
  { dimension: "hour", columns: ["'*'", "''", "''", 'f."hour"'], group: ['f."hour"'] },
];

/**
 * The statements that count the lines again: with `dayCount`, one merchant's days (params: the
 * merchant id, then the days — for each statement); without, every line of every merchant.
 *
 * The lines are read and sorted once, into their finest groups (store, terminal, operator and
 * hour of a day: a few rows per terminal and hour), and each dimension sums those: three GROUP BYs
 * over a million lines had sorted them three times (6.0 s of a million-line journal's publish;
 * 4.5 s this way, on SQLite).
 */
export function rebuildTransactionDaysSql(dayCount?: number): string[] {
  const days = dayCount === undefined ? "" : ` AND l."day" IN (${Array(dayCount).fill("?").join(", ")})`;
  const merchant = dayCount === undefined ? "" : ` AND l."merchantId" = ?`;
  const deleteRows =
    dayCount === undefined
      ? `DELETE FROM "DashboardTransactionDay"`
      : `DELETE FROM "DashboardTransactionDay" WHERE "merchantId" = ? AND "day" IN (${Array(dayCount).fill("?").join(", ")})`;
  const sums = COUNT_COLUMNS.map((column) => `CAST(SUM(f."${column}") AS INTEGER)`).join(", ");
  const insertRows = `WITH fine AS MATERIALIZED (
    SELECT l."merchantId" AS "merchantId", l."day" AS "day", ${LINE_STORE_SQL} AS "storeId",
      ${LINE_TERMINAL_SQL} AS "terminal", ${LINE_OPERATOR_SQL} AS "operator", ${LINE_HOUR_SQL} AS "hour",
      ${FINE_COUNTS}
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'${merchant}${days}
    GROUP BY l."merchantId", l."day", ${LINE_STORE_SQL}, ${LINE_TERMINAL_SQL}, ${LINE_OPERATOR_SQL}, ${LINE_HOUR_SQL})
  INSERT INTO "DashboardTransactionDay" (${COLUMNS})
  ${ROWS.map(
    ({ dimension, columns, group }) => `SELECT f."merchantId", '${dimension}', f."day", ${columns.join(", ")}, ${sums}
    FROM fine f
    GROUP BY f."merchantId", f."day", ${group.join(", ")}`,
  ).join("\n  UNION ALL\n  ")}`;
  // Every merchant at once (the migration's backfill, a seed): the running totals too.
  return dayCount === undefined
    ? [deleteRows, insertRows, rebuildTransactionTotalsSql(false)[1]]
    : [deleteRows, insertRows];
}

const COUNT_COLUMNS = ["transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds"];

/**
 * The running totals again from `fromDay` on (each merchant's from its first day without it):
 * the totals of the last day before it carried on with the line rows of every later day a
 * merchant has lines, for every store, terminal and operator it ever had. With `merchant`, the
 * params are [merchant, fromDay] for the DELETE and [merchant, fromDay, merchant, merchant,
 * merchant, fromDay] for the INSERT.
 */
export function rebuildTransactionTotalsSql(merchant: boolean): [string, string] {
  const mine = (alias: string) => (merchant ? ` AND ${alias}"merchantId" = ?` : "");
  const since = merchant ? ` AND "day" >= ?` : "";
  const deleteRows = `DELETE FROM "DashboardTransactionDay" WHERE "dimension" = 'total'${mine("")}${since}`;
  // Every merchant from scratch carries nothing on: no base at all. (An empty base — WHERE 1 = 0 —
  // was flattened by SQLite into a walk of the merchant's rows for every key and day: a seed of
  // 20,000 lines over 500 stores took 8 minutes here.)
  const base = merchant
    ? `SELECT * FROM "DashboardTransactionDay" b WHERE b."dimension" = 'total' AND b."merchantId" = ?
        AND b."day" = (SELECT MAX("day") FROM "DashboardTransactionDay"
          WHERE "dimension" = 'total' AND "merchantId" = ? AND "day" < ?)`
    : null;
  const running = COUNT_COLUMNS.map(
    (column) => `${base ? `COALESCE(b."${column}", 0) + ` : ""}SUM(COALESCE(r."${column}", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING)`,
  );
  const insertRows = `WITH
    days AS (SELECT DISTINCT "merchantId", "day" FROM "DashboardTransactionDay" WHERE "dimension" = 'line'${mine("")}${since}),
    keys AS (SELECT DISTINCT "merchantId", "storeId", "terminal", "operator" FROM "DashboardTransactionDay"
      WHERE "dimension" = 'line'${mine("")})${
        base
          ? `,
    base AS (${base})`
          : ""
      }
  INSERT INTO "DashboardTransactionDay" (${COLUMNS})
  SELECT k."merchantId", 'total', d."day", k."storeId", k."terminal", k."operator", '',
    ${running.join(",\n    ")}
  FROM keys k
  JOIN days d ON d."merchantId" = k."merchantId"
  LEFT JOIN "DashboardTransactionDay" r ON r."merchantId" = k."merchantId" AND r."dimension" = 'line'
    AND r."day" = d."day" AND r."storeId" = k."storeId" AND r."terminal" = k."terminal" AND r."operator" = k."operator"${
      base
        ? `
  LEFT JOIN base b ON b."merchantId" = k."merchantId" AND b."storeId" = k."storeId" AND b."terminal" = k."terminal"
    AND b."operator" = k."operator"`
        : ""
    }`;
  return [deleteRows, insertRows];
}
