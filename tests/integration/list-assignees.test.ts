// Who can own a prevention action (the form's choices on a closed incident's page): the merchant's
// active people by name, with their role — read in one joined statement.
import { expect, test } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { listAssignees } from "@/lib/prevention/list-assignees";
import type { Role } from "@/lib/rbac/permissions";

async function actorOf(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, name: true, email: true, membership: { select: { merchantId: true, role: true } } },
  });
  if (!user.membership) throw new Error(`${email} has no membership`);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    merchantId: user.membership.merchantId,
    role: user.membership.role as Role,
    storeIds: [],
  };
}

test("the assignees are the merchant's active people, by name, with their roles", async () => {
  const admin = await actorOf("admin@demo.test");
  const members = await prisma.membership.findMany({
    where: { merchantId: admin.merchantId },
    select: { id: true, role: true, active: true, user: { select: { id: true, name: true } } },
  });
  expect(members.length).toBeGreaterThan(2);
  // One person leaves: no longer a choice.
  const leaving = members.find((member) => member.active && member.user.id !== admin.userId);
  if (!leaving) throw new Error("no other active member");
  await prisma.membership.update({ where: { id: leaving.id }, data: { active: false } });
  try {
    const expected = members
      .filter((member) => member.active && member.id !== leaving.id)
      .map((member) => ({ id: member.user.id, name: member.user.name, role: member.role }))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const assignees = await listAssignees(admin);
    expect(assignees.map((person) => person.name)).toEqual(expected.map((person) => person.name));
    expect(new Set(assignees.map((person) => JSON.stringify(person)))).toEqual(
      new Set(expected.map((person) => JSON.stringify(person))),
    );
    expect(assignees.map((person) => person.id)).not.toContain(leaving.user.id);
  } finally {
    await prisma.membership.update({ where: { id: leaving.id }, data: { active: true } });
  }
});
