// Standard Webhooks signing (pure): the three headers a receiver checks. The signature is
// base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")) where the key is the
// base64-decoded part of the secret after "whsec_" (https://www.standardwebhooks.com).
import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** A new signing secret: whsec_ + base64 of 24 random bytes (the size Standard Webhooks libraries make). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

/** The v1 signature of one message: `v1,<base64 HMAC-SHA256>`. */
export function signWebhook({
  secret,
  id,
  timestamp,
  body,
}: {
  secret: string;
  id: string;
  /** Seconds since the epoch, as sent in webhook-timestamp. */
  timestamp: number;
  body: string;
}): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** The headers of one attempt: the same id every time, the attempt's own timestamp and signature. */
export function webhookHeaders({
  secret,
  id,
  at,
  body,
}: {
  secret: string;
  id: string;
  at: Date;
  body: string;
}): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ secret, id, timestamp, body }),
  };
}
