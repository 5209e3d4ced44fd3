// The admin's view of the alert webhook (GET /api/alerts/webhook and the settings on /alerts): the
// URL (never the secret) and the newest 50 deliveries with every attempt, newest first.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import type { WebhookDeliveryStatus, WebhookStatusDto } from "@/lib/webhooks/schemas";

const RECENT_DELIVERIES = 50;

export async function getWebhook({ actor }: { actor: Actor }): Promise<WebhookStatusDto> {
  assertCanManageWebhook(actor);
  const [endpoint, deliveries] = await Promise.all([
    prisma.webhookEndpoint.findUnique({ where: { merchantId: actor.merchantId }, select: { url: true } }),
    prisma.webhookDelivery.findMany({
      where: { merchantId: actor.merchantId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_DELIVERIES,
      select: {
        id: true,
        type: true,
        status: true,
        createdAt: true,
        deliveredAt: true,
        nextAttemptAt: true,
        attemptsLog: {
          orderBy: { at: "asc" },
          select: { at: true, statusCode: true, error: true, durationMs: true },
        },
      },
    }),
  ]);
  return {
    url: endpoint?.url ?? null,
    deliveries: deliveries.map((delivery) => ({
      id: delivery.id,
      type: delivery.type,
      status: delivery.status as WebhookDeliveryStatus,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
      attempts: delivery.attemptsLog.map((attempt) => ({
        at: attempt.at.toISOString(),
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
      })),
    })),
  };
}
