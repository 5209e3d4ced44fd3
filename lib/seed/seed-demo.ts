// The demo merchant, stores, terminals and staff that a fresh install starts with (README lists
// them). Idempotent: does nothing when a merchant already exists.
import "server-only";
import { createUserInTx } from "@/lib/admin/create-user";
import { appendEvent } from "@/lib/audit/append-event";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/rbac/permissions";

export const DEMO_USERS = [
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN", stores: [] },
  { email: "supervisor@demo.test", name: "Sam Supervisor", role: "SUPERVISOR", stores: ["Store 1"] },
  { email: "cashier@demo.test", name: "Cai Cashier", role: "CASHIER", stores: ["Store 1"] },
  { email: "cashier2@demo.test", name: "Chen Cashier", role: "CASHIER", stores: ["Store 2"] },
  { email: "finance@demo.test", name: "Fay Finance", role: "FINANCE", stores: [] },
] as const satisfies readonly { email: string; name: string; role: Role; stores: readonly string[] }[];

export const DEMO_STORES = [
  { name: "Store 1", terminals: ["T1000001", "T1000002"] },
  { name: "Store 2", terminals: ["T2000001"] },
] as const;

export async function seedDemo({ password }: { password: string }): Promise<{ seeded: boolean; merchantId: string }> {
  const existing = await prisma.merchant.findFirst({ select: { id: true } });
  if (existing) return { seeded: false, merchantId: existing.id };

  return prisma.$transaction(
    async (tx) => {
      const merchant = await tx.merchant.create({ data: { name: "Demo Merchant", mid: "898310048160001" } });
      await appendEvent(tx, { merchantId: merchant.id, type: "merchant.created", after: { name: merchant.name } });
      const storeIds = new Map<string, string>();
      for (const store of DEMO_STORES) {
        const created = await tx.store.create({
          data: {
            merchantId: merchant.id,
            name: store.name,
            terminals: { create: store.terminals.map((tid) => ({ merchantId: merchant.id, tid })) },
          },
        });
        storeIds.set(store.name, created.id);
        await appendEvent(tx, {
          merchantId: merchant.id,
          type: "store.created",
          after: { storeId: created.id, name: store.name, terminals: [...store.terminals] },
        });
      }
      for (const user of DEMO_USERS) {
        await createUserInTx(
          tx,
          {
            merchantId: merchant.id,
            email: user.email,
            name: user.name,
            password,
            role: user.role,
            storeIds: user.stores.map((name) => storeIds.get(name) ?? ""),
          },
          null,
        );
      }
      return { seeded: true, merchantId: merchant.id };
    },
    { timeout: 60_000 },
  );
}
