// Queues an event for the merchant's webhook inside the caller's transaction (the outbox): the
// delivery row exists exactly when the change that raised the event commits, and the worker sends
// it after the commit (lib/webhooks/deliver.ts). No webhook configured → nothing is written.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { buildWebhookPayload, newWebhookMessageId } from "@/lib/webhooks/payload";

export async function enqueueWebhookEvent(
  tx: Tx,
  event: { merchantId: string; type: string; data: Record<string, unknown> },
): Promise<void> {
  await queueWebhookDelivery(tx, event);
}

/** The same, answering the delivery's webhook-id, or null when the merchant has no webhook. */
export async function queueWebhookDelivery(
  tx: Tx,
  event: { merchantId: string; type: string; data: Record<string, unknown> },
): Promise<string | null> {
  const endpoint = await tx.webhookEndpoint.findUnique({
    where: { merchantId: event.merchantId },
    select: { id: true },
  });
  if (!endpoint) return null;
  const now = new Date();
  const id = newWebhookMessageId();
  await tx.webhookDelivery.create({
    data: {
      id,
      merchantId: event.merchantId,
      type: event.type,
      payload: buildWebhookPayload(event, now),
      status: "pending",
      nextAttemptAt: now,
    },
  });
  return id;
}
