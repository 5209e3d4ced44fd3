// An admin deactivates a staff member (they are signed out at once: their sessions are deleted,
// and sign-in refuses them) or reactivates them. An admin cannot deactivate themselves.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { findMembershipForChange } from "@/lib/admin/find-membership";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function setUserActive({
  actor,
  userId,
  active,
}: {
  actor: Actor;
  userId: string;
  active: boolean;
}): Promise<{ userId: string; active: boolean }> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const membership = await findMembershipForChange(tx, actor, userId);
    if (!active && membership.userId === actor.userId) {
      throw new AppError(
        "RULE_VIOLATION",
        { reason: "OWN_ACCOUNT_DEACTIVATION" },
        { active: { reason: "OWN_ACCOUNT_DEACTIVATION" } },
      );
    }
    // Already in the asked-for state: nothing changes, so nothing is recorded.
    if (membership.active === active) return { userId, active };
    await tx.membership.update({ where: { id: membership.id }, data: { active } });
    const signedOut = active ? 0 : (await tx.session.deleteMany({ where: { userId } })).count;
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: active ? "user.reactivated" : "user.deactivated",
      before: { userId, email: membership.user.email, active: membership.active },
      after: { userId, email: membership.user.email, active, ...(active ? {} : { sessionsEnded: signedOut }) },
    });
    return { userId, active };
  });
}
