// A store filter must name a store of the caller's merchant: another merchant's id answers 404,
// never its data.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function assertOwnStore(actor: Actor, storeId: string | undefined): Promise<void> {
  if (!storeId) return;
  const store = await prisma.store.findFirst({
    where: { id: storeId, merchantId: actor.merchantId },
    select: { id: true },
  });
  if (!store) {
    const notFound = { reason: "STORE_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", notFound, { storeId: notFound });
  }
}
