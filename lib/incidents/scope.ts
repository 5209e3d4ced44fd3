// Tenant and store scoping for incident queries: every query goes through these, so an
// incident outside the caller's stores is never read (and answers 404 as if it did not exist).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storeScopedWhere, storeScopeFilter } from "@/lib/rbac/store-scope";

export function visibleIncidentsWhere(actor: Actor): Prisma.IncidentWhereInput {
  return storeScopedWhere(actor) ?? { id: { in: [] } };
}

export function canSeeStore(actor: Actor, storeId: string): boolean {
  const filter = storeScopeFilter(actor);
  if (!filter) return false;
  return filter.storeIds === "all" || filter.storeIds.includes(storeId);
}

export const incidentInclude = {
  store: { select: { name: true } },
  terminal: { select: { tid: true } },
  reportedBy: { select: { id: true, name: true } },
  // Issue 10: the cashier a drill is for.
  drillFor: { select: { id: true, name: true } },
  steps: { orderBy: { position: "asc" }, include: { actor: { select: { id: true, name: true } } } },
} satisfies Prisma.IncidentInclude;

export type IncidentWithRelations = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;
