// The admin asks for a test delivery (POST /api/alerts/webhook/test): a `webhook.test` event queued
// like any alert, so it goes through the same signing, retries and attempt log.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import { queueWebhookDelivery } from "@/lib/webhooks/enqueue";

export async function sendTestWebhook({ actor }: { actor: Actor }): Promise<{ id: string }> {
  assertCanManageWebhook(actor);
  return prisma.$transaction(async (tx) => {
    const id = await queueWebhookDelivery(tx, {
      merchantId: actor.merchantId,
      type: "webhook.test",
      data: { message: "A test delivery from Slipcase." },
    });
    if (!id) throw new AppError("NOT_FOUND", { reason: "WEBHOOK_NOT_CONFIGURED" });
    return { id };
  });
}
