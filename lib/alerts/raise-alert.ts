// Raises one alert, in one transaction: the row inserted with its open key — a unique clash means an
// alert for the condition is already open (another worker's, or an earlier run's) and nothing more
// happens — then the alert.raised event, the in-app notifications of the people the rule names (the
// e-mail job when SMTP is set), the webhook event (the outbox, delivered after the commit) and, when
// the rule names a drill kind and the alert names a Slipcase cashier, the drill assigned to them.
import "server-only";
import type { AlertRuleSettings } from "@/lib/alerts/rule-settings";
import { serializeAlerts } from "@/lib/alerts/serialize";
import type { AlertCandidate } from "@/lib/alerts/types";
import { appendEvent } from "@/lib/audit/append-event";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { assignDrill } from "@/lib/drills/start-drill";
import { insertNotifications, loadStaff, queueEmails } from "@/lib/notifications/notify";
import { resolveAudience } from "@/lib/notifications/plan";
import { NOTIFICATION_MESSAGE_KEYS } from "@/lib/notifications/types";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

/** Returns the new alert's id, or null when one for the condition was already open. */
export async function raiseAlert({
  merchantId,
  candidate,
  rule,
  storeName,
  now,
}: {
  merchantId: string;
  candidate: AlertCandidate;
  rule: AlertRuleSettings;
  storeName: string | null;
  now: Date;
}): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    const id = newId();
    const { subject, evidence } = candidate;
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Alert" ("id", "merchantId", "ruleType", "storeId", "subjectType", "subjectId", "subjectLabel",
        "status", "conditionKey", "openKey", "evidence", "createdAt", "updatedAt")
      VALUES (${id}, ${merchantId}, ${candidate.ruleType}, ${candidate.storeId}, ${subject.type}, ${subject.id},
        ${subject.label}, 'open', ${candidate.conditionKey}, ${candidate.conditionKey}, ${JSON.stringify(evidence)},
        ${now}, ${now})
      ON CONFLICT ("merchantId", "openKey") DO NOTHING
      RETURNING "id"`;
    if (inserted.length === 0) return null;

    await appendEvent(tx, {
      merchantId,
      actorId: null,
      type: "alert.raised",
      after: {
        alertId: id,
        rule: candidate.ruleType,
        conditionKey: candidate.conditionKey,
        storeId: candidate.storeId,
        subject,
        incidentIds: evidence.incidents.map((incident) => incident.id),
        lineIds: evidence.lines.map((line) => line.id),
      },
    });

    const staff = await loadStaff(tx, { merchantId, storeId: candidate.storeId });
    const told = resolveAudience({ audience: rule.notify, staff, actorId: null });
    const written = await insertNotifications(
      tx,
      told.map((person) => ({
        type: "alert_raised" as const,
        merchantId,
        incidentId: null,
        recipientId: person.userId,
        messageKey: NOTIFICATION_MESSAGE_KEYS.alert_raised,
        params: { store: storeName ?? "none", by: "", rule: candidate.ruleType, alertSubject: subject.label },
        dedupeKey: `ALERT_RAISED:${id}:${person.userId}`,
      })),
    );
    await queueEmails(tx, written);

    const [dto] = await serializeAlerts(tx, [await tx.alert.findUniqueOrThrow({ where: { id } })]);
    await enqueueWebhookEvent(tx, { merchantId, type: "alert.raised", data: { alert: dto } });

    // Only a Slipcase cashier can be given a drill: a POS operator code names no user.
    if (rule.drillKind && candidate.cashierId) {
      await assignDrill(tx, { merchantId, kind: rule.drillKind, cashierId: candidate.cashierId, alertId: id, now });
    }
    return id;
  });
}
