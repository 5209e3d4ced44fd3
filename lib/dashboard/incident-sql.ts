// The SQL that counts a merchant's incidents for the dashboard (issue 10), shared by the summary's
// rebuild (lib/dashboard/incident-rollup.ts, npm run seed:scale) and the dashboard of some stores,
// which counts the same measures straight from the incidents. Pure: text for either database, with
// the values written in as literals (ids, local days and instants, each escaped), so the seed can
// run it through its own driver. Drills never count.
import { CLOSE_TIME_STEP_SQL } from "@/lib/dashboard/close-time";
import { type DayBounds, dayBounds, monthBounds, monthsBetween } from "@/lib/dashboard/period";
import type { DatabaseProvider } from "@/lib/db/provider";
import { addLocalDays, type LocalDate } from "@/lib/deadlines/calendar";
import { CAUSES } from "@/lib/incidents/causes";

export const INCIDENT_MEASURES = ["occurred", "cause", "closed", "close_time"] as const;
/**
 * Counted a month a row (their "day" is YYYY-MM, the bounds given are months): close_time_month,
 * the close_time rows of a month together (a long period reads its whole months from them);
 * reported_month ("<reporter id>:KIND", by the month they occurred), what each person logged,
 * which the training gaps of every store read.
 */
export const MONTH_MEASURES = ["close_time_month", "reported_month"] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number] | (typeof MONTH_MEASURES)[number];

export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An instant as the database stores a DateTime (SQLite: ISO text with +00:00, which sorts as time does). */
export function sqlInstant(instant: Date, provider: DatabaseProvider): string {
  const iso = instant.toISOString();
  return provider === "postgresql" ? `CAST('${iso}' AS timestamp(3))` : `'${iso.replace("Z", "+00:00")}'`;
}

/** Whole seconds from `start` to `end` (columns), each cut to its second — as close-time.ts counts in JS. */
function secondsBetweenSql(start: string, end: string, provider: DatabaseProvider): string {
  return provider === "postgresql"
    ? `(CAST(floor(extract(epoch from ${end})) AS bigint) - CAST(floor(extract(epoch from ${start})) AS bigint))`
    : `(CAST(strftime('%s', ${end}) AS INTEGER) - CAST(strftime('%s', ${start}) AS INTEGER))`;
}

/**
 * One SELECT of rows (measure, day, key, count, lostMinor, recoveredMinor) — what
 * DashboardIncidentDay holds — for the days given, of every store or of `storeIds`:
 * occurred (kind, by the day it occurred), cause (closed incidents by cause, by the day they
 * occurred), closed (per currency, by the day they closed, with lost and recovered) and
 * close_time ("KIND:step", by the day they closed).
 */
export function incidentMeasuresSql({
  provider,
  merchantId,
  storeIds,
  days,
  measures = INCIDENT_MEASURES,
}: {
  provider: DatabaseProvider;
  merchantId: string;
  storeIds: readonly string[] | null;
  days: readonly DayBounds[];
  measures?: readonly IncidentMeasure[];
}): string {
  const dayRows = days.map(
    (d) => `(${sqlText(d.day)}, ${sqlInstant(d.start, provider)}, ${sqlInstant(d.end, provider)})`,
  );
  const causeRows = CAUSES.map((cause) => `(${sqlText(`%"${cause}"%`)}, ${sqlText(cause)})`);
  const stores = storeIds === null ? "" : ` AND i."storeId" IN (${storeIds.map(sqlText).join(", ") || "NULL"})`;
  // Some stores: each store's range of (storeId, occurredAt | closedAt); the merchant is compared
  // as text then, so that SQLite does not walk the whole merchant's range instead.
  const merchant =
    storeIds === null
      ? `i."merchantId" = ${sqlText(merchantId)}`
      : `CAST(i."merchantId" AS TEXT) = ${sqlText(merchantId)}`;
  const mine = `${merchant} AND i."drill" = false${stores}`;
  // Day by day (d first: SQLite keeps a CROSS JOIN's order), each day one range of an index on
  // occurredAt or closedAt; the status is compared as text so that no index on it is preferred
  // to the day's range (97 % of a chain's incidents are closed).
  // The whole period's bounds as constants too: PostgreSQL then walks only the period's part of
  // each store's (storeId, occurredAt | closedAt) range, not the store's whole history.
  const first = days.length > 0 ? sqlInstant(days[0].start, provider) : "NULL";
  const last = days.length > 0 ? sqlInstant(days[days.length - 1].end, provider) : "NULL";
  const occurred = `i."occurredAt" >= d."s" AND i."occurredAt" < d."e" AND i."occurredAt" >= ${first} AND i."occurredAt" < ${last}`;
  const closed = `i."closedAt" >= d."s" AND i."closedAt" < d."e" AND i."closedAt" >= ${first} AND i."closedAt" < ${last}`;
  const isClosed = `CAST(i."status" AS TEXT) = 'CLOSED'`;
  const step = CLOSE_TIME_STEP_SQL(secondsBetweenSql(`i."createdAt"`, `i."closedAt"`, provider));
  const closeTimeKey = `CAST(i."kind" AS TEXT) || ':' || CAST(${step} AS TEXT)`;
  // Named columns on every part that may come first (the month measures are counted alone).
  const closeTime = (measure: string) => `SELECT '${measure}' AS "measure", d."day" AS "day", ${closeTimeKey} AS "key",
        COUNT(*) AS "count", 0 AS "lostMinor", 0 AS "recoveredMinor"
      FROM d CROSS JOIN "Incident" i WHERE ${closed} AND ${mine} AND ${isClosed}
      GROUP BY d."day", ${closeTimeKey}`;
  const parts: Record<IncidentMeasure, string> = {
    occurred: `SELECT 'occurred' AS "measure", d."day" AS "day", CAST(i."kind" AS TEXT) AS "key", COUNT(*) AS "count",
        0 AS "lostMinor", 0 AS "recoveredMinor"
      FROM d CROSS JOIN "Incident" i WHERE ${occurred} AND ${mine} GROUP BY d."day", i."kind"`,
    cause: `SELECT 'cause', d."day", c."cause", COUNT(*), 0, 0
      FROM d CROSS JOIN "Incident" i CROSS JOIN c
      WHERE ${occurred} AND ${mine} AND ${isClosed} AND i."causes" LIKE c."pattern" GROUP BY d."day", c."cause"`,
    closed: `SELECT 'closed', d."day", i."currency", COUNT(*), SUM(COALESCE(i."lostMinor", 0)),
        SUM(COALESCE(i."recoveredMinor", 0))
      FROM d CROSS JOIN "Incident" i WHERE ${closed} AND ${mine} AND ${isClosed} GROUP BY d."day", i."currency"`,
    close_time: closeTime("close_time"),
    close_time_month: closeTime("close_time_month"),
    reported_month: `SELECT 'reported_month' AS "measure", d."day" AS "day",
        CAST(i."reportedById" AS TEXT) || ':' || CAST(i."kind" AS TEXT) AS "key",
        COUNT(*) AS "count", 0 AS "lostMinor", 0 AS "recoveredMinor"
      FROM d CROSS JOIN "Incident" i WHERE ${occurred} AND ${mine} AND i."reportedById" IS NOT NULL
      GROUP BY d."day", i."reportedById", i."kind"`,
  };
  return `WITH d("day", "s", "e") AS (VALUES ${dayRows.join(", ")}),
    c("pattern", "cause") AS (VALUES ${causeRows.join(", ")})
    ${measures.map((measure) => parts[measure]).join("\n    UNION ALL ")}`;
}

export const INCIDENT_DAY_COLUMNS = `"merchantId", "measure", "day", "key", "count", "lostMinor", "recoveredMinor"`;

/**
 * Fills DashboardIncidentDay (the caller deleted it first), every store: the day measures for the
 * days given, or with `months` bounds (labelled YYYY-MM) the month measures.
 */
export function insertIncidentDaysSql(options: {
  provider: DatabaseProvider;
  merchantId: string;
  days: readonly DayBounds[];
  months?: boolean;
}): string {
  const select = incidentMeasuresSql({
    ...options,
    storeIds: null,
    measures: options.months ? MONTH_MEASURES : INCIDENT_MEASURES,
  });
  return `INSERT INTO "DashboardIncidentDay" (${INCIDENT_DAY_COLUMNS})
    SELECT ${sqlText(options.merchantId)}, m."measure", m."day", m."key", m."count", m."lostMinor", m."recoveredMinor"
    FROM (${select}) m`;
}

/** Days (or months) counted per INSERT of a rebuild. */
const REBUILD_DAYS_PER_STATEMENT = 366;
const REBUILD_MONTHS_PER_STATEMENT = 12;

/**
 * Every INSERT that counts a merchant's summary from scratch (after its rows were deleted): the
 * days from `firstDay` to `lastDay` and the months they fall in — shared by the app's rebuild and
 * npm run seed:scale.
 */
export function rebuildIncidentDaysSql({
  provider,
  merchantId,
  firstDay,
  lastDay,
  timeZone,
}: {
  provider: DatabaseProvider;
  merchantId: string;
  firstDay: LocalDate;
  lastDay: LocalDate;
  timeZone: string;
}): string[] {
  const days: LocalDate[] = [];
  for (let day = firstDay; day <= lastDay; day = addLocalDays(day, 1)) days.push(day);
  const statements: string[] = [];
  for (let start = 0; start < days.length; start += REBUILD_DAYS_PER_STATEMENT) {
    const chunk = dayBounds(days.slice(start, start + REBUILD_DAYS_PER_STATEMENT), timeZone);
    statements.push(insertIncidentDaysSql({ provider, merchantId, days: chunk }));
  }
  const months = days.length > 0 ? monthsBetween(firstDay, lastDay) : [];
  for (let start = 0; start < months.length; start += REBUILD_MONTHS_PER_STATEMENT) {
    const chunk = monthBounds(months.slice(start, start + REBUILD_MONTHS_PER_STATEMENT), timeZone);
    statements.push(insertIncidentDaysSql({ provider, merchantId, days: chunk, months: true }));
  }
  return statements;
}
