// An admin renames a store; the new name must be free within the merchant.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { assertStoreNameFree, storeNameClash } from "@/lib/admin/store-name";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RenameStoreInput } from "@/lib/schemas/admin";

export async function renameStore({
  actor,
  storeId,
  input,
}: {
  actor: Actor;
  storeId: string;
  input: RenameStoreInput;
}) {
  assertAdmin(actor);
  try {
    return await prisma.$transaction(async (tx) => {
      const store = await tx.store.findFirst({
        where: { id: storeId, merchantId: actor.merchantId },
        select: { id: true, name: true },
      });
      if (!store) throw new AppError("NOT_FOUND", { reason: "STORE_NOT_FOUND" });
      if (store.name === input.name) return store;
      await assertStoreNameFree(tx, actor.merchantId, input.name);
      const renamed = await tx.store.update({
        where: { id: store.id },
        data: { name: input.name },
        select: { id: true, name: true },
      });
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        actorId: actor.userId,
        type: "store.renamed",
        before: { storeId: store.id, name: store.name },
        after: { storeId: store.id, name: renamed.name },
      });
      return renamed;
    });
  } catch (error) {
    rethrowUniqueClash(error, storeNameClash(input.name));
  }
}
