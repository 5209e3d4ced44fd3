// The stores a user can see incidents of (the incident list's store filter), by name.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { storeScopeOf } from "@/lib/rbac/permissions";

export interface VisibleStore {
  id: string;
  name: string;
}

export async function listVisibleStores({ actor }: { actor: Actor }): Promise<VisibleStore[]> {
  const scope = storeScopeOf(actor.role);
  switch (scope) {
    case "all":
      return prisma.store.findMany({
        where: { merchantId: actor.merchantId },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
    case "assigned":
      return prisma.store.findMany({
        where: { merchantId: actor.merchantId, id: { in: actor.storeIds } },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
    case "none":
      return [];
    default:
      return scope satisfies never;
  }
}
