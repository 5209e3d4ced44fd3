// The admin changes alert rules (PUT /api/alerts/rules, the /alerts page's rules form): each rule
// named is replaced (on/off, thresholds, who is told, drill kind), the others stay. Named people
// must be active members of the merchant (400 naming the field). The rows, the alert_rules.updated
// event (every rule before and after) and an evaluation under the new settings share one
// transaction; the chain's link is claimed first, so two admins saving at once are serialised and
// each event's "before" is what the other left.
import "server-only";
import type { z } from "zod";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { assertCanManageAlertRules, loadAlertRules } from "@/lib/alerts/read-alert-rules";
import { type AlertRuleSettings, type alertRulesInputSchema, settingsOf } from "@/lib/alerts/rule-settings";
import { assertEventWritten, chainedEvent, claimChainLink, eventStatements } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { executeTogether } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";

export async function saveAlertRules({
  actor,
  input,
}: {
  actor: Actor;
  input: z.output<typeof alertRulesInputSchema>;
}): Promise<{ rules: AlertRuleSettings[] }> {
  assertCanManageAlertRules(actor);
  const changed = input.rules.map(settingsOf);
  const named = [...new Set(changed.flatMap((rule) => rule.notify.userIds))];
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
  changed.forEach((rule, index) => {
    const stranger = rule.notify.userIds.find((id) => !members.has(id));
    if (stranger !== undefined) {
      const unknown = { reason: "PLAN_PERSON_UNKNOWN", params: { id: stranger } } as const;
      throw new AppError("BAD_REQUEST", unknown, { [`rules.${index}.notify.userIds`]: unknown });
    }
  });

  return prisma.$transaction(async (tx) => {
    const link = await claimChainLink(tx, actor.merchantId);
    const before = await loadAlertRules(tx, actor.merchantId);
    for (const rule of changed) {
      const data = {
        enabled: rule.enabled,
        params: JSON.stringify(rule.params),
        notify: JSON.stringify(rule.notify),
        drillKind: rule.drillKind,
        updatedById: actor.userId,
      };
      await tx.alertRule.upsert({
        where: { merchantId_type: { merchantId: actor.merchantId, type: rule.type } },
        create: { merchantId: actor.merchantId, type: rule.type, ...data },
        update: data,
      });
    }
    const after = await loadAlertRules(tx, actor.merchantId);
    const event = chainedEvent(link, {
      actorId: actor.userId,
      type: "alert_rules.updated",
      before: { rules: before },
      after: { rules: after },
    });
    assertEventWritten(await executeTogether(tx, eventStatements(event)));
    await queueAlertEvaluation(tx, { merchantId: actor.merchantId, lines: true });
    return { rules: after };
  });
}
