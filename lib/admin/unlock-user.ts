// An admin lifts a sign-in lock-out (after repeated failed passwords) before it expires.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { findMembershipForChange } from "@/lib/admin/find-membership";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
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
    if (!membership.lockedUntil || membership.lockedUntil <= now) {
      throw new AppError("RULE_VIOLATION", "This user is not locked out.", { lockedUntil: "Not locked." });
    }
    await tx.membership.update({ where: { id: membership.id }, data: { failedSignIns: 0, lockedUntil: null } });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "user.unlocked",
      before: {
        userId,
        email: membership.user.email,
        lockedUntil: membership.lockedUntil.toISOString(),
        failedSignIns: membership.failedSignIns,
      },
      after: { userId, email: membership.user.email, lockedUntil: null, failedSignIns: 0 },
    });
    return { userId, lockedUntil: null };
  });
}
