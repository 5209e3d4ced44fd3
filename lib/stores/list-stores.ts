// The stores a user can see incidents of (the incident list's store filter), by name.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { storeScopeFilter } from "@/lib/rbac/store-scope";

export interface VisibleStore {
  id: string;
  name: string;
}

export async function listVisibleStores({ actor }: { actor: Actor }): Promise<VisibleStore[]> {
  const filter = storeScopeFilter(actor);
  if (!filter) return [];
  return prisma.store.findMany({
    where: {
      merchantId: filter.merchantId,
      ...(filter.storeIds === "all" ? {} : { id: { in: filter.storeIds } }),
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
