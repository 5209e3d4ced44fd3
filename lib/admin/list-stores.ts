// The merchant's stores with their terminals and how many staff work in each, for the admin.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { AdminStoreDto } from "@/lib/schemas/admin";

export async function listStores({ actor }: { actor: Actor }): Promise<AdminStoreDto[]> {
  assertAdmin(actor);
  const stores = await prisma.store.findMany({
    where: { merchantId: actor.merchantId },
    orderBy: { name: "asc" },
    include: {
      terminals: { orderBy: { tid: "asc" }, select: { id: true, tid: true, storeId: true, active: true } },
      _count: { select: { memberships: true } },
    },
  });
  return stores.map((store) => ({
    id: store.id,
    name: store.name,
    terminals: store.terminals,
    staffCount: store._count.memberships,
    createdAt: store.createdAt.toISOString(),
  }));
}
