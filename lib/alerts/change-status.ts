// What acknowledging and resolving an alert share: the alert read through the person's scope (not
// theirs → 404), the role checked (→ 403), the change made conditional on the status read (two
// people at once: one wins, the other gets 409), the audit event and the webhook event in the same
// transaction.
import "server-only";
import { serializeAlerts } from "@/lib/alerts/serialize";
import type { AlertRuleType, AlertStatus } from "@/lib/alerts/types";
import { requireAlertsView, visibleAlertsWhere } from "@/lib/alerts/visible-alerts";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/rbac/permissions";
import type { AlertDto } from "@/lib/schemas/alerts";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

export async function changeAlertStatus({
  actor,
  id,
  to,
  now,
}: {
  actor: Actor;
  id: string;
  to: "acknowledged" | "resolved";
  now: Date;
}): Promise<AlertDto> {
  requireAlertsView(actor);
  return prisma.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { AND: [visibleAlertsWhere(actor), { id }] } });
    if (!alert) throw new AppError("NOT_FOUND", { reason: "ALERT_NOT_FOUND" });
    if (!can(actor.role, "alerts.act")) throw new AppError("FORBIDDEN", { reason: "ALERTS_NOT_ALLOWED" });
    const from = alert.status as AlertStatus;
    const allowed: AlertStatus[] = to === "acknowledged" ? ["open"] : ["open", "acknowledged"];
    if (!allowed.includes(from)) throw conflict(from);
    const data: Prisma.AlertUpdateManyMutationInput =
      to === "acknowledged"
        ? { status: to, acknowledgedAt: now, acknowledgedById: actor.userId }
        : // Resolving frees the condition: the next time it is met it raises a new alert.
          { status: to, resolvedAt: now, resolvedById: actor.userId, openKey: null };
    const { count } = await tx.alert.updateMany({ where: { id, status: from }, data });
    if (count !== 1) {
      const current = await tx.alert.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw conflict(current.status as AlertStatus);
    }
    const rule = alert.ruleType as AlertRuleType;
    if (to === "acknowledged") {
      await appendEvent(tx, {
        merchantId: alert.merchantId,
        actorId: actor.userId,
        type: "alert.acknowledged",
        before: { alertId: id, status: "open" },
        after: { alertId: id, status: "acknowledged", rule },
      });
    } else {
      await appendEvent(tx, {
        merchantId: alert.merchantId,
        actorId: actor.userId,
        type: "alert.resolved",
        before: { alertId: id, status: from === "acknowledged" ? "acknowledged" : "open" },
        after: { alertId: id, status: "resolved", rule },
      });
    }
    const [dto] = await serializeAlerts(tx, [await tx.alert.findUniqueOrThrow({ where: { id } })]);
    await enqueueWebhookEvent(tx, { merchantId: alert.merchantId, type: `alert.${to}`, data: { alert: dto } });
    return dto;
  });
}

function conflict(status: AlertStatus): AppError {
  return new AppError("CONFLICT", {
    reason: status === "resolved" ? "ALERT_ALREADY_RESOLVED" : "ALERT_ALREADY_ACKNOWLEDGED",
  });
}
