// The merchant's stores with their terminals and how many staff work in each, for the admin.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { adminTerminalSelect, toAdminTerminal } from "@/lib/admin/terminal-dto";
import { todayIn } from "@/lib/admin/terminal-software";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { AdminStoreDto } from "@/lib/schemas/admin";

export async function listStores({ actor }: { actor: Actor }): Promise<AdminStoreDto[]> {
  assertAdmin(actor);
  const stores = await prisma.store.findMany({
    where: { merchantId: actor.merchantId },
    orderBy: { name: "asc" },
    include: {
      terminals: { orderBy: { tid: "asc" }, select: adminTerminalSelect },
      _count: { select: { memberships: true } },
    },
  });
  const today = todayIn(env.MERCHANT_TIME_ZONE);
  return stores.map((store) => ({
    id: store.id,
    name: store.name,
    terminals: store.terminals.map((terminal) => toAdminTerminal(terminal, today)),
    staffCount: store._count.memberships,
    createdAt: store.createdAt.toISOString(),
  }));
}
