// The dashboard's training gaps (issue 10): cashiers who have not practised the kinds of incident
// they most often log. A kind counts for a cashier when they logged at least MIN_LOGGED real
// (non-drill) incidents of it in the stores looked at over the last LOGGED_WINDOW_DAYS; of each
// cashier's TOP_KINDS most logged kinds, a gap is one with no closed drill in the last
// PRACTISED_WINDOW_DAYS (the rule: lib/drills/select-gaps.ts). The most logged gaps first.
import "server-only";
import { prisma } from "@/lib/db/client";
import { MIN_LOGGED, selectTrainingGaps } from "@/lib/drills/select-gaps";
import { kindFromDb } from "@/lib/incidents/codec";
import type { Dashboard } from "@/lib/schemas/dashboard";

const DAY_MS = 86_400_000;
/** Incidents logged in this many days count towards what a cashier most often gets wrong. */
export const LOGGED_WINDOW_DAYS = 90;
/** A closed drill of a kind within this many days means it was practised. */
export const PRACTISED_WINDOW_DAYS = 180;

export async function listTrainingGaps({
  merchantId,
  storeIds,
  now,
}: {
  merchantId: string;
  /** null = every store of the merchant */
  storeIds: string[] | null;
  now: Date;
}): Promise<Dashboard["trainingGaps"]> {
  if (storeIds && storeIds.length === 0) return [];
  const logged = await prisma.incident.groupBy({
    by: ["reportedById", "kind"],
    where: {
      merchantId,
      drill: false,
      reportedById: { not: null },
      occurredAt: { gte: new Date(now.getTime() - LOGGED_WINDOW_DAYS * DAY_MS), lte: now },
      ...(storeIds ? { storeId: { in: storeIds } } : {}),
      reportedBy: { membership: { merchantId, role: "CASHIER", active: true } },
    },
    _count: { _all: true },
  });
  const patterns = logged.filter((row) => row.reportedById !== null && row._count._all >= MIN_LOGGED);
  if (patterns.length === 0) return [];
  const cashierIds = [...new Set(patterns.map((row) => row.reportedById as string))];

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
      const userId = row.reportedById as string;
      return {
        userId,
        name: nameOf.get(userId) ?? "",
        kind: kindFromDb(row.kind),
        logged: row._count._all,
        lastDrillAt: lastDrill.get(`${userId}:${row.kind}`) ?? null,
      };
    }),
    new Date(now.getTime() - PRACTISED_WINDOW_DAYS * DAY_MS),
  );
}
