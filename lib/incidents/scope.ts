// Tenant and store scoping for incident queries: every query goes through these, so an
// incident outside the caller's stores is never read (and answers 404 as if it did not exist).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storeScopeOf } from "@/lib/rbac/permissions";

export function visibleIncidentsWhere(actor: Actor): Prisma.IncidentWhereInput {
  const scope = storeScopeOf(actor.role);
  switch (scope) {
    case "all":
      return { merchantId: actor.merchantId };
    case "assigned":
      return { merchantId: actor.merchantId, storeId: { in: actor.storeIds } };
    case "none":
      return { id: { in: [] } };
    default:
      return scope satisfies never;
  }
}

export function canSeeStore(actor: Actor, storeId: string): boolean {
  const scope = storeScopeOf(actor.role);
  if (scope === "all") return true;
  if (scope === "assigned") return actor.storeIds.includes(storeId);
  return false;
}

export const incidentInclude = {
  store: { select: { name: true } },
  terminal: { select: { tid: true } },
  reportedBy: { select: { id: true, name: true } },
  steps: { orderBy: { position: "asc" }, include: { actor: { select: { id: true, name: true } } } },
} satisfies Prisma.IncidentInclude;

export type IncidentWithRelations = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;
