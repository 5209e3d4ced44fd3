// The exceptions' filters as a Prisma where, shared by the list and the CSV export: always the
// caller's merchant, then day range, category, store, status (the (merchantId, status,
// category, day) index) and whether an incident is opened for it yet. That last one has no index
// of its own: it is a residual check on the rows the (merchantId, status, day, id) keyset walk
// already reads, and open exceptions mostly wait for one, so "none" filters out few of them.
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ExportExceptionsQuery } from "@/lib/schemas/reconciliation";

export function exceptionsWhere(actor: Actor, query: ExportExceptionsQuery): Prisma.ReconExceptionWhereInput {
  return {
    merchantId: actor.merchantId,
    status: query.status,
    ...(query.category ? { category: query.category } : {}),
    ...(query.storeId ? { storeId: query.storeId } : {}),
    ...(query.incident === "none" ? { incidentId: null } : {}),
    ...(query.incident === "linked" ? { incidentId: { not: null } } : {}),
    ...(query.from || query.to
      ? { day: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
}
