// The admin sets the merchant's alert webhook (PUT /api/alerts/webhook): the URL checked against
// the SSRF guard, a new signing secret when the URL is new or changed or a rotation is asked for,
// one `webhook.updated` event in the same transaction. Saving the same URL again changes and
// records nothing. The answer carries the current secret (the admin needs it to verify deliveries);
// GET never shows it.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import { webhookAuditTarget } from "@/lib/webhooks/audit-target";
import { checkWebhookUrl } from "@/lib/webhooks/check-webhook-url";
import type { WebhookInput, WebhookSavedDto } from "@/lib/webhooks/schemas";
import { newWebhookSecret } from "@/lib/webhooks/sign";

export async function saveWebhook({
  actor,
  input,
  allowPrivate,
}: {
  actor: Actor;
  input: WebhookInput;
  allowPrivate?: boolean;
}): Promise<WebhookSavedDto> {
  assertCanManageWebhook(actor);
  const url = await checkWebhookUrl(input.url, allowPrivate);
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { merchantId: actor.merchantId },
      select: { url: true, secret: true },
    });
    if (before && before.url === url && !input.rotateSecret)
      return { url, secret: before.secret, secretRotated: false };
    const secret = newWebhookSecret();
    await tx.webhookEndpoint.upsert({
      where: { merchantId: actor.merchantId },
      create: { merchantId: actor.merchantId, url, secret, updatedById: actor.userId },
      update: { url, secret, updatedById: actor.userId },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "webhook.updated",
      before: before ? webhookAuditTarget(before.url) : null,
      after: { ...webhookAuditTarget(url), secretRotated: true },
    });
    return { url, secret, secretRotated: true };
  });
}
