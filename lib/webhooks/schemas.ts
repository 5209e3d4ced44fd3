// The alert webhook at the edge (issue 10): one zod schema per body and answer, shared by the
// settings form, the /api/alerts/webhook handlers and the OpenAPI document. Pure: importable by
// client and server.
import { z } from "zod";
import "@/lib/schemas/zod-config";

import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_URL_MAX } from "@/lib/webhooks/vocabulary";

export { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_URL_MAX, type WebhookDeliveryStatus } from "@/lib/webhooks/vocabulary";

export const webhookInputSchema = z
  .strictObject({
    url: z
      .string({ error: "The webhook address is required." })
      .trim()
      .min(1, "The webhook address is required.")
      .max(WEBHOOK_URL_MAX, `At most ${WEBHOOK_URL_MAX} characters.`)
      .describe(
        "Where alerts are POSTed: https:// (or http://). Loopback, private, link-local and other internal " +
          "addresses are refused unless the operator sets WEBHOOK_ALLOW_PRIVATE=1.",
      ),
    rotateSecret: z
      .boolean()
      .optional()
      .describe("Make a new signing secret even though the URL is unchanged (a changed URL always gets one)."),
  })
  .meta({ id: "WebhookInput" });
export type WebhookInput = z.output<typeof webhookInputSchema>;

export const webhookSavedSchema = z
  .object({
    url: z.string().describe("The URL as saved (normalised)."),
    secret: z
      .string()
      .describe(
        "The Standard Webhooks signing secret (whsec_…): base64-decode what follows whsec_ and check " +
          "webhook-signature = v1,base64(HMAC-SHA256(key, webhook-id + '.' + webhook-timestamp + '.' + body)).",
      ),
    secretRotated: z
      .boolean()
      .describe("True when this call made a new secret (a new or changed URL, or rotateSecret)."),
  })
  .meta({ id: "WebhookSaved" });
export type WebhookSavedDto = z.output<typeof webhookSavedSchema>;

export const webhookAttemptSchema = z
  .object({
    at: z.string().describe("When the attempt started (ISO 8601)."),
    statusCode: z.number().int().nullable().describe("The receiver's HTTP status; null when no answer came."),
    error: z.string().nullable().describe("Why it failed (null when delivered)."),
    durationMs: z.number().int(),
  })
  .meta({ id: "WebhookAttempt" });

export const webhookDeliverySchema = z
  .object({
    id: z.string().describe("The webhook-id header (msg_…), the same on every attempt."),
    type: z.string().describe("alert.raised, alert.acknowledged, alert.resolved or webhook.test."),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable().describe("When a pending delivery is tried next."),
    attempts: z.array(webhookAttemptSchema),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDeliveryDto = z.output<typeof webhookDeliverySchema>;

export const webhookStatusSchema = z
  .object({
    url: z.string().nullable().describe("The configured URL; null when none is set. The secret is never shown here."),
    deliveries: z.array(webhookDeliverySchema).describe("The newest 50 deliveries, newest first, with their attempts."),
  })
  .meta({ id: "WebhookStatus" });
export type WebhookStatusDto = z.output<typeof webhookStatusSchema>;

export const webhookTestQueuedSchema = z
  .object({ id: z.string().describe("The queued delivery's webhook-id.") })
  .meta({ id: "WebhookTestQueued" });
