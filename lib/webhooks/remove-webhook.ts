// The admin removes the merchant's alert webhook (DELETE /api/alerts/webhook): the endpoint goes,
// deliveries still waiting are failed (nowhere to send them), and one `webhook.removed` event is
// written in the same transaction. The delivery history stays.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import { webhookAuditTarget } from "@/lib/webhooks/audit-target";

export async function removeWebhook({ actor }: { actor: Actor }): Promise<void> {
  assertCanManageWebhook(actor);
  await prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { merchantId: actor.merchantId },
      select: { id: true, url: true },
    });
    // deleteMany is conditional: of two admins removing at once, one deletes and audits
    const { count } = endpoint ? await tx.webhookEndpoint.deleteMany({ where: { id: endpoint.id } }) : { count: 0 };
    if (!endpoint || count === 0) throw new AppError("NOT_FOUND", { reason: "WEBHOOK_NOT_CONFIGURED" });
    await tx.webhookDelivery.updateMany({
      where: { merchantId: actor.merchantId, status: "pending", leaseOwner: null },
      data: { status: "failed" },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "webhook.removed",
      before: webhookAuditTarget(endpoint.url),
    });
  });
}
