// Every alert rule of a merchant with its settings: the stored row's, else the defaults. Used by
// the evaluation job (inside its transaction) and GET /api/alerts/rules (admin).
import "server-only";
import { type AlertRuleSettings, readStoredRule } from "@/lib/alerts/rule-settings";
import { ALERT_RULE_TYPES } from "@/lib/alerts/types";
import type { Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export async function loadAlertRules(tx: Tx, merchantId: string): Promise<AlertRuleSettings[]> {
  const rows = await tx.alertRule.findMany({
    where: { merchantId },
    select: { type: true, enabled: true, params: true, notify: true, drillKind: true },
  });
  const byType = new Map(rows.map((row) => [row.type, row]));
  return ALERT_RULE_TYPES.map((type) => readStoredRule(type, byType.get(type)));
}

/** Only the admin configures the rules (checked before the body is read, and again when saving). */
export function assertCanManageAlertRules(actor: Actor): void {
  if (!can(actor.role, "alerts.manage")) throw new AppError("FORBIDDEN", { reason: "ALERT_RULES_ADMIN_ONLY" });
}

export async function readAlertRules({ actor }: { actor: Actor }): Promise<{ rules: AlertRuleSettings[] }> {
  assertCanManageAlertRules(actor);
  return { rules: await loadAlertRules(prisma, actor.merchantId) };
}
