// The merchant's emergency plan, every kind: the admin's row where there is one, else the default.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { kindFromDb } from "@/lib/incidents/codec";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";
import { defaultPlan, readStoredPlan } from "@/lib/notifications/plan";
import type { KindPlanDto } from "@/lib/notifications/schemas";
import { can } from "@/lib/rbac/permissions";

export async function listPlans({ actor }: { actor: Actor }): Promise<KindPlanDto[]> {
  if (!can(actor.role, "plan.view")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_VIEW" });
  const rows = await prisma.notificationPlan.findMany({
    where: { merchantId: actor.merchantId },
    select: { kind: true, plan: true, updatedAt: true },
  });
  const byKind = new Map<IncidentKind, (typeof rows)[number]>(rows.map((row) => [kindFromDb(row.kind), row]));
  return INCIDENT_KINDS.map((kind) => {
    const row = byKind.get(kind);
    return row
      ? { kind, plan: readStoredPlan(kind, row.plan), isDefault: false, updatedAt: row.updatedAt.toISOString() }
      : { kind, plan: defaultPlan(kind), isDefault: true, updatedAt: null };
  });
}
