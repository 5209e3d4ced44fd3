// An admin lifts the sign-in throttle on a user's account (after repeated failed passwords)
// before its wait runs out: every counter of the account is cleared, from every address.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { findMembershipForChange } from "@/lib/admin/find-membership";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { clearAccountThrottle } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function unlockUser({
  actor,
  userId,
  now = new Date(),
}: {
  actor: Actor;
  userId: string;
  now?: Date;
}): Promise<{ userId: string; lockedUntil: null }> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const membership = await findMembershipForChange(tx, actor, userId);
    const cleared = await clearAccountThrottle(tx, { email: membership.user.email, now });
    if (!cleared.heldUntil) {
      // Nothing is held back: roll back (the clearing of expired counters included) and say so.
      throw new AppError(
        "RULE_VIOLATION",
        { reason: "USER_NOT_LOCKED" },
        { lockedUntil: { reason: "USER_NOT_LOCKED" } },
      );
    }
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "user.unlocked",
      before: {
        userId,
        email: membership.user.email,
        lockedUntil: cleared.heldUntil.toISOString(),
        failedSignIns: cleared.failures,
      },
      after: { userId, email: membership.user.email, lockedUntil: null, failedSignIns: 0 },
    });
    return { userId, lockedUntil: null };
  });
}
