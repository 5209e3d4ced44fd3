// Loads a staff member's membership for a change, scoped to the admin's merchant: a user of
// another merchant answers 404 as if they did not exist.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function findMembershipForChange(tx: Tx, actor: Actor, userId: string) {
  const membership = await tx.membership.findFirst({
    where: { userId, merchantId: actor.merchantId },
    select: {
      id: true,
      userId: true,
      role: true,
      active: true,
      failedSignIns: true,
      lockedUntil: true,
      user: { select: { email: true } },
      stores: { select: { storeId: true }, orderBy: { storeId: "asc" } },
    },
  });
  if (!membership) throw new AppError("NOT_FOUND", { reason: "USER_NOT_FOUND" });
  return membership;
}
