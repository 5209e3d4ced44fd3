// The SQL that counts a merchant's incidents for the dashboard (issue 10), shared by the summary's
// rebuild (lib/dashboard/incident-rollup.ts, npm run seed:scale) and the dashboard of some stores,
// which counts the same measures straight from the incidents. Pure: text for either database, with
// the values written in as literals (ids, local days and instants, each escaped), so the seed can
// run it through its own driver. Drills never count.
import { CLOSE_TIME_STEP_SQL } from "@/lib/dashboard/close-time";
import type { DayBounds } from "@/lib/dashboard/period";
import type { DatabaseProvider } from "@/lib/db/provider";
import { CAUSES } from "@/lib/incidents/causes";

export const INCIDENT_MEASURES = ["occurred", "cause", "closed", "close_time"] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];

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
    close_time: `SELECT 'close_time', d."day", CAST(i."kind" AS TEXT) || ':' || CAST(${step} AS TEXT), COUNT(*), 0, 0
      FROM d CROSS JOIN "Incident" i WHERE ${closed} AND ${mine} AND ${isClosed}
      GROUP BY d."day", CAST(i."kind" AS TEXT) || ':' || CAST(${step} AS TEXT)`,
  };
  return `WITH d("day", "s", "e") AS (VALUES ${dayRows.join(", ")}),
    c("pattern", "cause") AS (VALUES ${causeRows.join(", ")})
    ${measures.map((measure) => parts[measure]).join("\n    UNION ALL ")}`;
}

export const INCIDENT_DAY_COLUMNS = `"merchantId", "measure", "day", "key", "count", "lostMinor", "recoveredMinor"`;

/** Fills DashboardIncidentDay for the days given (the caller deleted them first), every store. */
export function insertIncidentDaysSql(options: {
  provider: DatabaseProvider;
  merchantId: string;
  days: readonly DayBounds[];
}): string {
  const select = incidentMeasuresSql({ ...options, storeIds: null });
  return `INSERT INTO "DashboardIncidentDay" (${INCIDENT_DAY_COLUMNS})
    SELECT ${sqlText(options.merchantId)}, m."measure", m."day", m."key", m."count", m."lostMinor", m."recoveredMinor"
    FROM (${select}) m`;
}
