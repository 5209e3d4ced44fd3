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
import { prisma } from "@/lib/db/client";
import { addLocalDays, localDateOf } from "@/lib/deadlines/calendar";
import { MIN_LOGGED, selectTrainingGaps } from "@/lib/drills/select-gaps";
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

/** Every store: the summary's month rows, only of people who are active cashiers now. */
async function loggedInEveryStore(merchantId: string, timeZone: string, now: Date): Promise<Logged[]> {
  await ensureIncidentRollup(merchantId, timeZone);
  const window = loggedWindow(now, timeZone);
  const rows = await prisma.$queryRaw<{ key: string; count: number | bigint }[]>`
    SELECT "key", SUM("count") AS "count" FROM "DashboardIncidentDay"
    WHERE "merchantId" = ${merchantId} AND "measure" = 'reported_month'
      AND "day" >= ${window.first} AND "day" <= ${window.last}
    GROUP BY "key" HAVING SUM("count") >= ${MIN_LOGGED}`;
  const cashiers = new Set(
    (
      await prisma.membership.findMany({
        where: { merchantId, role: "CASHIER", active: true },
        select: { userId: true },
      })
    ).map((membership) => membership.userId),
  );
  return rows.flatMap((row) => {
    const at = row.key.lastIndexOf(":");
    const reportedById = row.key.slice(0, at);
    if (!cashiers.has(reportedById)) return [];
    return [{ reportedById, kind: row.key.slice(at + 1) as DbIncidentKind, count: Number(row.count) }];
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
      reportedBy: { membership: { merchantId, role: "CASHIER", active: true } },
    },
    _count: { _all: true },
  });
  return groups.flatMap((row) =>
    row.reportedById && row._count._all >= MIN_LOGGED
      ? [{ reportedById: row.reportedById, kind: row.kind, count: row._count._all }]
      : [],
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
  const cashierIds = [...new Set(patterns.map((row) => row.reportedById))];

  // Issue 10 (dashboard at scale): at most 500 ids a query — a chain's thousand cashiers were more
  // bound parameters than SQLite takes (P2029, the dashboard answered 500).
  const idChunks = Array.from({ length: Math.ceil(cashierIds.length / 500) }, (_, i) =>
    cashierIds.slice(i * 500, (i + 1) * 500),
  );
  const [drills, people] = await Promise.all([
    Promise.all(
      idChunks.map((ids) =>
        prisma.incident.groupBy({
          // Walks Incident (drillForId, kind).
          by: ["drillForId", "kind"],
          where: { merchantId, drill: true, status: "CLOSED", drillForId: { in: ids }, closedAt: { not: null } },
          _max: { closedAt: true },
        }),
      ),
    ).then((parts) => parts.flat()),
    Promise.all(
      idChunks.map((ids) => prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
    ).then((parts) => parts.flat()),
  ]);
  const lastDrill = new Map(drills.map((row) => [`${row.drillForId}:${row.kind}`, row._max.closedAt]));
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  return selectTrainingGaps(
    patterns.map((row) => {
      const userId = row.reportedById;
      return {
        userId,
        name: nameOf.get(userId) ?? "",
        kind: kindFromDb(row.kind),
        logged: row.count,
        lastDrillAt: lastDrill.get(`${userId}:${row.kind}`) ?? null,
      };
    }),
    new Date(now.getTime() - PRACTISED_WINDOW_DAYS * DAY_MS),
  );
}
