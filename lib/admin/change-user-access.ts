// An admin changes a staff member's role and the stores they work in. It takes effect on their
// next request: the actor is read from the membership every time. An admin cannot change their
// own role, so a merchant is never left without the admin who could undo it.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { findMembershipForChange } from "@/lib/admin/find-membership";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { ChangeUserAccessInput } from "@/lib/schemas/admin";

export async function changeUserAccess({
  actor,
  userId,
  input,
}: {
  actor: Actor;
  userId: string;
  input: ChangeUserAccessInput;
}): Promise<{ userId: string; role: ChangeUserAccessInput["role"]; storeIds: string[] }> {
  assertAdmin(actor);
  const storeIds = [...new Set(input.storeIds)].sort();
  return prisma.$transaction(async (tx) => {
    const membership = await findMembershipForChange(tx, actor, userId);
    if (membership.userId === actor.userId && input.role !== membership.role) {
      throw new AppError("RULE_VIOLATION", { reason: "OWN_ROLE_CHANGE" }, { role: { reason: "OWN_ROLE_CHANGE" } });
    }
    const stores = await tx.store.findMany({
      where: { id: { in: storeIds }, merchantId: actor.merchantId },
      select: { id: true },
    });
    if (stores.length !== storeIds.length) {
      throw new AppError("NOT_FOUND", { reason: "STORES_NOT_FOUND" }, { storeIds: { reason: "STORES_NOT_FOUND" } });
    }
    const before = { role: membership.role, storeIds: membership.stores.map((link) => link.storeId) };
    const roleChanged = before.role !== input.role;
    const storesChanged = before.storeIds.join() !== storeIds.join();
    if (!roleChanged && !storesChanged) return { userId, role: input.role, storeIds };

    await tx.membership.update({
      where: { id: membership.id },
      data: {
        role: input.role,
        stores: { deleteMany: {}, create: storeIds.map((storeId) => ({ storeId })) },
      },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: roleChanged ? "user.role_changed" : "user.stores_changed",
      before: { userId, email: membership.user.email, ...before },
      after: { userId, email: membership.user.email, role: input.role, storeIds },
    });
    return { userId, role: input.role, storeIds };
  });
}
