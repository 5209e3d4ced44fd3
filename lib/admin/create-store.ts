// An admin opens a store; its name is unique within the merchant.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { CreateStoreInput } from "@/lib/schemas/admin";

export async function createStore({ actor, input }: { actor: Actor; input: CreateStoreInput }) {
  assertAdmin(actor);
  const clash = () =>
    new AppError("CONFLICT", `A store named "${input.name}" already exists.`, { name: "Already in use." });
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.store.findUnique({
        where: { merchantId_name: { merchantId: actor.merchantId, name: input.name } },
        select: { id: true },
      });
      if (existing) throw clash();
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
    rethrowUniqueClash(error, clash().message, { name: "Already in use." });
  }
}
