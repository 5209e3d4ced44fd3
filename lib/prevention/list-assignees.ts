// Who can own a prevention action: the merchant's active members, by name (the form's choices;
// the use case checks the one chosen again).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/rbac/permissions";

export async function listAssignees(actor: Actor): Promise<{ id: string; name: string; role: Role }[]> {
  const members = await prisma.membership.findMany({
    where: { merchantId: actor.merchantId, active: true },
    select: { role: true, user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return members.map((member) => ({ id: member.user.id, name: member.user.name, role: member.role }));
}
