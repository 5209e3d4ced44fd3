// The body of a webhook delivery (pure): `{ type, timestamp, data }` per the Standard Webhooks
// convention, built once when the event is queued so every retry sends the same bytes. Every text
// in the data is masked, so a card number never leaves as more than its last four.
import { randomBytes } from "node:crypto";
import { maskPans } from "@/lib/card-data/mask-pan";

export interface WebhookEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The webhook-id of a new delivery: `msg_` + 22 random base64url characters. */
export function newWebhookMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The JSON text sent (and signed) for an event raised at `at`. */
export function buildWebhookPayload(event: WebhookEvent, at: Date): string {
  return JSON.stringify({ type: event.type, timestamp: at.toISOString(), data: maskDeep(event.data) });
}

// A value as it may leave the system: strings masked, numbers that spell a card number turned into
// their masked text, dates as ISO text; anything JSON cannot carry (functions, undefined) dropped.
function maskDeep(value: unknown): unknown {
  if (typeof value === "string") return maskPans(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    const masked = maskPans(text);
    return masked === text ? value : masked;
  }
  if (typeof value === "bigint") {
    const text = value.toString();
    const masked = maskPans(text);
    return masked === text ? text : masked;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => maskDeep(item) ?? null);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const masked = maskDeep(item);
      if (masked !== undefined) out[maskPans(key)] = masked;
    }
    return out;
  }
  if (typeof value === "boolean" || value === null) return value;
  return undefined;
}
