// The merchant's staff: who they are, their role and stores, and whether they can sign in.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Actor } from "@/lib/auth/actor";
import { signInHeldUntil } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db/client";
import type { AdminUserDto } from "@/lib/schemas/admin";

export async function listUsers({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<AdminUserDto[]> {
  assertAdmin(actor);
  const memberships = await prisma.membership.findMany({
    where: { merchantId: actor.merchantId },
    orderBy: { user: { name: "asc" } },
    select: {
      role: true,
      active: true,
      user: { select: { id: true, email: true, name: true, createdAt: true } },
      stores: { select: { store: { select: { id: true, name: true } } }, orderBy: { store: { name: "asc" } } },
    },
  });
  const heldUntil = await signInHeldUntil({ emails: memberships.map((membership) => membership.user.email), now });
  return memberships.map((membership) => ({
    id: membership.user.id,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role,
    stores: membership.stores.map((link) => link.store),
    active: membership.active,
    // Until when sign-in to this account is held back by the throttle (lib/auth/throttle.ts).
    lockedUntil: heldUntil.get(membership.user.email)?.toISOString() ?? null,
    createdAt: membership.user.createdAt.toISOString(),
  }));
}
