// An admin opens a store; its name is unique within the merchant.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { assertStoreNameFree, storeNameClash } from "@/lib/admin/store-name";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { CreateStoreInput } from "@/lib/schemas/admin";

export async function createStore({ actor, input }: { actor: Actor; input: CreateStoreInput }) {
  assertAdmin(actor);
  try {
    return await prisma.$transaction(async (tx) => {
      await assertStoreNameFree(tx, actor.merchantId, input.name);
      const store = await tx.store.create({
        data: { merchantId: actor.merchantId, name: input.name },
        select: { id: true, name: true },
      });
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        actorId: actor.userId,
        type: "store.created",
        after: { storeId: store.id, name: store.name },
      });
      return store;
    });
  } catch (error) {
    rethrowUniqueClash(error, storeNameClash(input.name));
  }
}
