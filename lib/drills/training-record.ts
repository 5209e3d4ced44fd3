// Training records (issue 10): per cashier and incident kind, the drills started for them, how
// many they walked to the close, and when they last practised (the close of their latest closed
// drill). A cashier sees their own; a supervisor their stores' cashiers; an admin every cashier —
// a page of them at a time, by name.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { can, storeScopeOf } from "@/lib/rbac/permissions";
import { TRAINING_PAGE_SIZE, type TrainingQuery, type TrainingRecord } from "@/lib/schemas/drill";

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
  const limit = query.limit ?? TRAINING_PAGE_SIZE;
  const scope: Prisma.MembershipWhereInput = {
    AND: [visibleTraineesWhere(actor), query.userId ? { userId: query.userId } : {}],
  };
  let after: Prisma.MembershipWhereInput = {};
  if (query.cursor) {
    const from = await prisma.membership.findFirst({
      where: { AND: [scope, { userId: query.cursor }] },
      select: { userId: true, user: { select: { name: true } } },
    });
    if (!from) return { people: [], nextCursor: null };
    after = {
      OR: [{ user: { name: { gt: from.user.name } } }, { user: { name: from.user.name }, userId: { gt: from.userId } }],
    };
  }
  // A page of people by name (a chain's thousand cashiers were one answer of 750 KB).
  const rows = await prisma.membership.findMany({
    where: { AND: [scope, after] },
    select: { userId: true, active: true, user: { select: { name: true } } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    take: limit + 1,
  });
  const memberships = rows.slice(0, limit);
  if (query.userId && memberships.length === 0 && !query.cursor) {
    // Someone the actor may not see is answered as if they did not exist.
    const unknown = { reason: "USER_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", unknown, { userId: unknown });
  }
  if (memberships.length === 0) return { people: [], nextCursor: null };

  const counts = await prisma.incident.groupBy({
    // Walks Incident (drillForId, kind): the page's people only (at most TRAINING_PAGE_SIZE ids).
    by: ["drillForId", "kind", "status"],
    where: {
      merchantId: actor.merchantId,
      drill: true,
      drillForId: { in: memberships.map((membership) => membership.userId) },
    },
    _count: { _all: true },
    _max: { closedAt: true },
  });
  const byPersonAndKind = new Map<string, typeof counts>();
  for (const row of counts) {
    const key = `${row.drillForId}:${kindFromDb(row.kind)}`;
    byPersonAndKind.set(key, [...(byPersonAndKind.get(key) ?? []), row]);
  }
  return {
    people: memberships.map((membership) => ({
      userId: membership.userId,
      name: membership.user.name,
      active: membership.active,
      kinds: INCIDENT_KINDS.map((kind) => {
        const found = byPersonAndKind.get(`${membership.userId}:${kind}`) ?? [];
        const closed = found.find((row) => row.status === "CLOSED");
        return {
          kind,
          started: found.reduce((sum, row) => sum + row._count._all, 0),
          completed: closed?._count._all ?? 0,
          lastPractisedAt: closed?._max.closedAt?.toISOString() ?? null,
        };
      }),
    })),
    nextCursor: rows.length > limit ? memberships[memberships.length - 1].userId : null,
  };
}
