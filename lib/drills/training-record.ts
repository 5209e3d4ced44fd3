// Training records (issue 10): per cashier and incident kind, the drills started for them, how
// many they walked to the close, and when they last practised (the close of their latest closed
// drill). A cashier sees their own; a supervisor their stores' cashiers; an admin every cashier.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { can, storeScopeOf } from "@/lib/rbac/permissions";
import type { TrainingQuery, TrainingRecord } from "@/lib/schemas/drill";

/** The cashiers whose record the actor may read (their membership's conditions). */
export function visibleTraineesWhere(actor: Actor): Prisma.MembershipWhereInput {
  const base = { merchantId: actor.merchantId, role: "CASHIER" as const };
  if (actor.role === "CASHIER") return { ...base, userId: actor.userId };
  if (storeScopeOf(actor.role) === "all") return base;
  return { ...base, active: true, stores: { some: { storeId: { in: actor.storeIds } } } };
}

export async function readTrainingRecord({
  actor,
  query,
}: {
  actor: Actor;
  query: TrainingQuery;
}): Promise<TrainingRecord> {
  if (!can(actor.role, "training.view")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_VIEW_TRAINING" });
  const memberships = await prisma.membership.findMany({
    where: { AND: [visibleTraineesWhere(actor), query.userId ? { userId: query.userId } : {}] },
    select: { userId: true, active: true, user: { select: { name: true } } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
  });
  if (query.userId && memberships.length === 0) {
    // Someone the actor may not see is answered as if they did not exist.
    const unknown = { reason: "USER_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", unknown, { userId: unknown });
  }
  if (memberships.length === 0) return { people: [] };

  const counts = await prisma.incident.groupBy({
    // Walks Incident (drillForId, kind).
    by: ["drillForId", "kind", "status"],
    // The people through their membership (a subquery), not a list of ids: a chain's thousands of
    // cashiers would be more bound parameters than SQLite takes.
    where: {
      merchantId: actor.merchantId,
      drill: true,
      drillFor: {
        membership: { AND: [visibleTraineesWhere(actor), query.userId ? { userId: query.userId } : {}] },
      },
    },
    _count: { _all: true },
    _max: { closedAt: true },
  });
  return {
    people: memberships.map((membership) => ({
      userId: membership.userId,
      name: membership.user.name,
      active: membership.active,
      kinds: INCIDENT_KINDS.map((kind) => {
        const rows = counts.filter((row) => row.drillForId === membership.userId && kindFromDb(row.kind) === kind);
        const closed = rows.find((row) => row.status === "CLOSED");
        return {
          kind,
          started: rows.reduce((sum, row) => sum + row._count._all, 0),
          completed: closed?._count._all ?? 0,
          lastPractisedAt: closed?._max.closedAt?.toISOString() ?? null,
        };
      }),
    })),
  };
}
