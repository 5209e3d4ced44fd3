// An admin sets one kind's emergency plan. Named people must be active members of the merchant
// (400 naming the list); the plan row and its `plan.changed` event (the plan before — null while
// it was the default — and after) share one transaction. The chain's link is claimed first, so
// two admins saving at once are serialised by the merchant's row and each event's "before" is
// what the other left.
import "server-only";
import { assertEventWritten, chainedEvent, claimChainLink, eventStatements } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { executeTogether } from "@/lib/db/dialect";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindToDb } from "@/lib/incidents/codec";
import { type IncidentKind, STEP_KEYS } from "@/lib/incidents/rules";
import { type Plan, readStoredPlan } from "@/lib/notifications/plan";
import type { KindPlanDto } from "@/lib/notifications/schemas";
import { can } from "@/lib/rbac/permissions";

/** Every audience of a plan with its field path, for naming the list a stranger is in. */
function audiencesOf(plan: Plan) {
  return [
    { field: "onLogged.userIds", audience: plan.onLogged },
    { field: "onNotify.userIds", audience: plan.onNotify },
    ...STEP_KEYS.map((key) => ({ field: `responsible.${key}.userIds`, audience: plan.responsible[key] })),
  ];
}

/** Only a role with plan.edit may change the plan (checked before the body is read, and again in savePlan). */
export function assertCanEditPlan(actor: Actor): void {
  if (!can(actor.role, "plan.edit")) throw new AppError("FORBIDDEN", { reason: "PLAN_ADMIN_ONLY" });
}

export async function savePlan({
  actor,
  kind,
  plan,
}: {
  actor: Actor;
  kind: IncidentKind;
  plan: Plan;
}): Promise<KindPlanDto> {
  assertCanEditPlan(actor);
  const named = [...new Set(audiencesOf(plan).flatMap(({ audience }) => audience.userIds))];
  const members = new Set(
    named.length === 0
      ? []
      : (
          await prisma.membership.findMany({
            where: { merchantId: actor.merchantId, active: true, userId: { in: named } },
            select: { userId: true },
          })
        ).map((member) => member.userId),
  );
  for (const { field, audience } of audiencesOf(plan)) {
    const stranger = audience.userIds.find((id) => !members.has(id));
    if (stranger !== undefined) {
      const unknown = { reason: "PLAN_PERSON_UNKNOWN", params: { id: stranger } } as const;
      throw new AppError("BAD_REQUEST", unknown, { [field]: unknown });
    }
  }

  return prisma.$transaction(async (tx) => {
    const link = await claimChainLink(tx, actor.merchantId);
    const existing = await tx.notificationPlan.findUnique({
      where: { merchantId_kind: { merchantId: actor.merchantId, kind: kindToDb(kind) } },
      select: { plan: true },
    });
    const now = new Date();
    const event = chainedEvent(link, {
      actorId: actor.userId,
      type: "plan.changed",
      before: { kind, plan: existing ? readStoredPlan(kind, existing.plan) : null },
      after: { kind, plan },
    });
    const [written, ...eventCounts] = await executeTogether(tx, [
      Prisma.sql`INSERT INTO "NotificationPlan" ("id", "merchantId", "kind", "plan", "updatedById", "createdAt", "updatedAt")
        VALUES (${newId()}, ${actor.merchantId}, ${kindToDb(kind)}, ${JSON.stringify(plan)}, ${actor.userId}, ${now}, ${now})
        ON CONFLICT ("merchantId", "kind") DO UPDATE
        SET "plan" = excluded."plan", "updatedById" = excluded."updatedById", "updatedAt" = excluded."updatedAt"`,
      ...eventStatements(event),
    ]);
    if (written !== 1) throw new Error("Emergency plan not written.");
    assertEventWritten(eventCounts);
    return { kind, plan, isDefault: false, updatedAt: now.toISOString() };
  });
}
