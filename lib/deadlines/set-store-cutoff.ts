// The admin sets a store's daily batch cut-off (HH:MM on the shop's clock): a wrong amount or card
// must be voided before it. Incidents already logged keep their deadlines. Audited as
// store.cutoff_changed in the same transaction; the same time again records nothing.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import type { StoreCutoffDto } from "@/lib/deadlines/schemas";
import { AppError } from "@/lib/errors/app-error";

export async function setStoreCutoff({
  actor,
  storeId,
  cutoffTime,
}: {
  actor: Actor;
  storeId: string;
  cutoffTime: string;
}): Promise<StoreCutoffDto> {
  assertCanManageDeadlines(actor);
  return prisma.$transaction(async (tx) => {
    // Through a write first, which locks the row (PostgreSQL): two admins setting it at once take
    // turns, and each event's `before` is what the other left.
    const { count } = await tx.store.updateMany({
      where: { id: storeId, merchantId: actor.merchantId },
      data: { updatedAt: new Date() },
    });
    if (count !== 1) throw new AppError("NOT_FOUND", { reason: "STORE_NOT_FOUND" });
    const store = await tx.store.findUniqueOrThrow({
      where: { id: storeId },
      select: { id: true, name: true, cutoffTime: true },
    });
    if (store.cutoffTime === cutoffTime) return store;
    await tx.store.update({ where: { id: store.id }, data: { cutoffTime } });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "store.cutoff_changed",
      before: { storeId: store.id, name: store.name, cutoffTime: store.cutoffTime },
      after: { storeId: store.id, name: store.name, cutoffTime },
    });
    return { id: store.id, name: store.name, cutoffTime };
  });
}
