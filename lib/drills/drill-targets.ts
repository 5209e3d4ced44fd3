// Who a drill may be started for, and on which terminals: what the /training page's "Start a
// drill" form offers. A supervisor: the active cashiers and terminals of their stores; an admin:
// the merchant's. (startDrill checks the same again for whatever the form sends.)
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { can, storeScopeOf } from "@/lib/rbac/permissions";

export interface DrillTargets {
  cashiers: { id: string; name: string; stores: string[] }[];
  terminals: { tid: string; storeName: string }[];
}

export async function listDrillTargets({ actor }: { actor: Actor }): Promise<DrillTargets> {
  if (!can(actor.role, "drill.start")) return { cashiers: [], terminals: [] };
  const storeFilter = storeScopeOf(actor.role) === "all" ? {} : { storeId: { in: actor.storeIds } };
  const [memberships, terminals] = await Promise.all([
    prisma.membership.findMany({
      where: { merchantId: actor.merchantId, role: "CASHIER", active: true, stores: { some: storeFilter } },
      select: {
        userId: true,
        user: { select: { name: true } },
        stores: { where: storeFilter, select: { store: { select: { name: true } } } },
      },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    }),
    prisma.terminal.findMany({
      where: { merchantId: actor.merchantId, active: true, ...storeFilter },
      select: { tid: true, store: { select: { name: true } } },
      orderBy: [{ store: { name: "asc" } }, { tid: "asc" }],
    }),
  ]);
  return {
    cashiers: memberships.map((membership) => ({
      id: membership.userId,
      name: membership.user.name,
      stores: membership.stores.map((store) => store.store.name),
    })),
    terminals: terminals.map((terminal) => ({ tid: terminal.tid, storeName: terminal.store.name })),
  };
}
