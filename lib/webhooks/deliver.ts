// The sender of queued webhook deliveries (the outbox's other half), run by every instance's
// worker (lib/jobs/worker.ts) each poll. A delivery is claimed with a lease — one conditional
// UPDATE of a pending, due, unleased (or lease-expired) row; the worker whose UPDATE changed it
// sends it — so two workers never send one delivery at once. Each attempt is recorded
// (WebhookAttempt) and logged; 2xx delivers, anything else retries with backoff (backoff.ts) until
// the eighth attempt fails it. A worker that dies after sending but before recording leaves the
// lease to expire and the delivery is sent again with the same webhook-id, which is what receivers
// deduplicate on (Standard Webhooks: at-least-once, never two sends of one id at the same time).
import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { retryDelayMs, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/backoff";
import { sendWebhook } from "@/lib/webhooks/send";
import { webhookHeaders } from "@/lib/webhooks/sign";

/** Deliveries looked at per sweep, and sent at once. */
const BATCH = 20;
const PARALLEL = 4;

/** Holds a claimed delivery for the attempt's timeout and a margin to record it. */
const leaseMs = () => env.WEBHOOK_TIMEOUT_MS + 30_000;

/** Claims one delivery for `owner`; true when this caller won it. */
export async function claimDelivery(id: string, owner: string, now = new Date()): Promise<boolean> {
  const { count } = await prisma.webhookDelivery.updateMany({
    where: {
      id,
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs()) },
  });
  return count === 1;
}

/** Sends every delivery due now (up to a batch); returns how many attempts this caller made. */
export async function deliverDueWebhooks({
  owner,
  now = new Date(),
  allowPrivate = env.WEBHOOK_ALLOW_PRIVATE,
}: {
  owner: string;
  now?: Date;
  allowPrivate?: boolean;
}): Promise<number> {
  const due = await prisma.webhookDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: { id: true },
  });
  let attempted = 0;
  const queue = [...due];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (!(await claimDelivery(next.id, owner, now))) continue;
      await attemptDelivery(next.id, owner, allowPrivate);
      attempted++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, lane));
  return attempted;
}

/** One attempt at a delivery this worker holds the lease of: send, record, schedule or finish. */
async function attemptDelivery(id: string, owner: string, allowPrivate: boolean): Promise<void> {
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      merchantId: true,
      type: true,
      payload: true,
      attempts: true,
      merchant: { select: { webhookEndpoint: { select: { url: true, secret: true } } } },
    },
  });
  if (!delivery) return;
  const endpoint = delivery.merchant.webhookEndpoint;
  const at = new Date();
  const outcome = endpoint
    ? await sendWebhook({
        url: endpoint.url,
        headers: webhookHeaders({ secret: endpoint.secret, id, at, body: delivery.payload }),
        body: delivery.payload,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        allowPrivate,
      })
    : { statusCode: null, error: "no webhook configured" };
  const durationMs = Date.now() - at.getTime();
  const attempts = delivery.attempts + 1;
  const delay = outcome.error === null || !endpoint ? null : retryDelayMs(attempts, env.WEBHOOK_RETRY_BASE_MS);
  const status = outcome.error === null ? "delivered" : delay === null ? "failed" : "pending";
  const finishedAt = new Date();
  await prisma.$transaction([
    prisma.webhookAttempt.create({
      data: { deliveryId: id, at, statusCode: outcome.statusCode, error: outcome.error?.slice(0, 500), durationMs },
    }),
    prisma.webhookDelivery.updateMany({
      where: { id, leaseOwner: owner },
      data: {
        attempts,
        status,
        nextAttemptAt: delay === null ? finishedAt : new Date(finishedAt.getTime() + delay),
        deliveredAt: status === "delivered" ? finishedAt : null,
        leaseOwner: null,
        leaseUntil: null,
      },
    }),
  ]);
  const context = {
    deliveryId: id,
    merchantId: delivery.merchantId,
    type: delivery.type,
    attempt: attempts,
    statusCode: outcome.statusCode,
    durationMs,
  };
  if (status === "delivered") log.info("webhook.delivered", context);
  else if (status === "failed") {
    log.error("webhook.failed", { ...context, error: outcome.error, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
  } else log.warn("webhook.attempt_failed", { ...context, error: outcome.error, retryInMs: delay });
}
