// The dashboard's training gaps (issue 10): cashiers who have not practised the kinds of incident
// they most often log. A kind counts for a cashier when they logged at least MIN_LOGGED real
// (non-drill) incidents of it in the stores looked at over the calendar months (in the merchant's
// zone) that the last LOGGED_WINDOW_DAYS touch — whole months, because every store's count is read
// from the summary's month rows (reported_month, kept with every create), not from the incidents:
// a chain's 90 days are ~125,000 incidents (0.6–1.5 s on SQLite), its months ~30,000 summary rows.
// Of each cashier's TOP_KINDS most logged kinds, a gap is one with no closed drill in the last
// PRACTISED_WINDOW_DAYS (the rule: lib/drills/select-gaps.ts). The most logged gaps first.
import "server-only";
import { ensureIncidentRollup } from "@/lib/dashboard/incident-rollup";
import { monthBounds, monthOf } from "@/lib/dashboard/period";
import { databaseProvider, prisma } from "@/lib/db/client";
import { addLocalDays, localDateOf } from "@/lib/deadlines/calendar";
import { MIN_LOGGED, selectTrainingGaps } from "@/lib/drills/select-gaps";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentKind as DbIncidentKind } from "@/lib/generated/prisma/enums";
import { kindFromDb } from "@/lib/incidents/codec";
import type { Dashboard } from "@/lib/schemas/dashboard";

const DAY_MS = 86_400_000;
/** Incidents logged in the months these many days touch count towards what a cashier most often gets wrong. */
export const LOGGED_WINDOW_DAYS = 90;
/** A closed drill of a kind within this many days means it was practised. */
export const PRACTISED_WINDOW_DAYS = 180;

type Logged = { reportedById: string; kind: DbIncidentKind; count: number };

/** The months counted: from the one LOGGED_WINDOW_DAYS ago (today included) to this one. */
export function loggedWindow(now: Date, timeZone: string): { first: string; last: string } {
  const today = localDateOf(now, timeZone);
  return { first: monthOf(addLocalDays(today, -(LOGGED_WINDOW_DAYS - 1))), last: monthOf(today) };
}

/** Every store: the summary's month rows (of anyone: the caller keeps the active cashiers). */
async function loggedInEveryStore(merchantId: string, timeZone: string, now: Date): Promise<Logged[]> {
  await ensureIncidentRollup(merchantId, timeZone);
  const window = loggedWindow(now, timeZone);
  const rows = await prisma.$queryRaw<{ key: string; count: number | bigint }[]>`
    SELECT "key", SUM("count") AS "count" FROM "DashboardIncidentDay"
    WHERE "merchantId" = ${merchantId} AND "measure" = 'reported_month'
      AND "day" >= ${window.first} AND "day" <= ${window.last}
    GROUP BY "key" HAVING SUM("count") >= ${MIN_LOGGED}`;
  return rows.map((row) => {
    const at = row.key.lastIndexOf(":");
    return {
      reportedById: row.key.slice(0, at),
      kind: row.key.slice(at + 1) as DbIncidentKind,
      count: Number(row.count),
    };
  });
}

/** Some stores: their incidents of the same months, counted where they are (an index range a store). */
async function loggedInStores(storeIds: string[], merchantId: string, timeZone: string, now: Date) {
  const window = loggedWindow(now, timeZone);
  const [first] = monthBounds([window.first], timeZone);
  const [last] = monthBounds([window.last], timeZone);
  const groups = await prisma.incident.groupBy({
    by: ["reportedById", "kind"],
    where: {
      merchantId,
      drill: false,
      reportedById: { not: null },
      occurredAt: { gte: first.start, lt: last.end },
      storeId: { in: storeIds },
    },
    _count: { _all: true },
  });
  return groups.flatMap((row) =>
    row.reportedById && row._count._all >= MIN_LOGGED
      ? [{ reportedById: row.reportedById, kind: row.kind, count: row._count._all }]
      : [],
  );
}

/**
 * The merchant's cashiers' last closed drill per kind: one walk of its drills. SQLite is told the
 * (merchantId, drill, …) index: it preferred (merchantId, closedAt), every close of the merchant —
 * 1.1 s at a million incidents.
 */
async function lastDrills(merchantId: string) {
  const indexed = Prisma.raw(
    databaseProvider === "sqlite" ? `INDEXED BY "Incident_merchantId_drill_occurredAt_storeId_idx"` : "",
  );
  const rows = await prisma.$queryRaw<{ drillForId: string; kind: DbIncidentKind; last: Date | string | number }[]>`
    SELECT "drillForId", CAST("kind" AS TEXT) AS "kind", MAX("closedAt") AS "last" FROM "Incident" ${indexed}
    WHERE "merchantId" = ${merchantId} AND "drill" = true AND CAST("status" AS TEXT) = 'CLOSED'
      AND "closedAt" IS NOT NULL AND "drillForId" IS NOT NULL
    GROUP BY "drillForId", "kind"`;
  return new Map(
    rows.map((row) => [`${row.drillForId}:${row.kind}`, row.last instanceof Date ? row.last : new Date(row.last)]),
  );
}

export async function listTrainingGaps({
  merchantId,
  storeIds,
  timeZone,
  now,
}: {
  merchantId: string;
  /** null = every store of the merchant */
  storeIds: string[] | null;
  /** the merchant's zone: the months counted are its months */
  timeZone: string;
  now: Date;
}): Promise<Dashboard["trainingGaps"]> {
  if (storeIds && storeIds.length === 0) return [];
  const patterns =
    storeIds === null
      ? await loggedInEveryStore(merchantId, timeZone, now)
      : await loggedInStores(storeIds, merchantId, timeZone, now);
  if (patterns.length === 0) return [];
  // Active cashiers now, with their names (a chain's thousand in one read), and the drills.
  const cashiers = new Map(
    (
      await prisma.membership.findMany({
        where: { merchantId, role: "CASHIER", active: true },
        select: { userId: true, user: { select: { name: true } } },
      })
    ).map((membership) => [membership.userId, membership.user.name]),
  );
  const lastDrill = await lastDrills(merchantId);
  return selectTrainingGaps(
    patterns.flatMap((row) => {
      const userId = row.reportedById;
      const name = cashiers.get(userId);
      if (name === undefined) return [];
      return [
        {
          userId,
          name,
          kind: kindFromDb(row.kind),
          logged: row.count,
          lastDrillAt: lastDrill.get(`${userId}:${row.kind}`) ?? null,
        },
      ];
    }),
    new Date(now.getTime() - PRACTISED_WINDOW_DAYS * DAY_MS),
  );
}
