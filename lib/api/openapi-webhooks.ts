// The OpenAPI paths of the alert webhook (issue 10, admin only). Their schemas are components made
// from the zod schemas the handlers use (lib/webhooks/schemas.ts), listed in lib/api/openapi.ts.
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");

const notSignedIn = error("Not signed in");
const adminOnly = error("Only an admin sets up the alert webhook (alerts.manage)");

const DELIVERY =
  "Alerts are POSTed as `{ type, timestamp, data }` (alert.raised, alert.acknowledged, alert.resolved, " +
  "webhook.test) after the change commits, signed per Standard Webhooks: `webhook-id` (msg_…, the same on every " +
  "retry), `webhook-timestamp` (seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>` " +
  "keyed by the base64-decoded secret after `whsec_`. A 2xx answer delivers; anything else (a redirect too — none " +
  "is followed — or no answer within 10 s) is retried after 30 s, 2 min, 10 min, 1 h, then every 6 h, up to 8 " +
  "attempts. Deduplicate on webhook-id.";

export function webhookPaths() {
  const tags = ["alerts"];
  return {
    "/api/alerts/webhook": {
      get: {
        summary: "The alert webhook's URL and its newest 50 deliveries with every attempt (never the secret)",
        description: DELIVERY,
        tags,
        responses: { "200": json("The webhook", "WebhookStatus"), "401": notSignedIn, "403": adminOnly },
      },
      put: {
        summary: "Set the alert webhook's URL (audited as webhook.updated); answers the signing secret",
        description:
          "A new secret is made when the URL is new or changed, or when `rotateSecret` is true; saving the same " +
          "URL again keeps the secret and records nothing. The URL must be http(s), without a user name or " +
          "password, and neither it nor any address its host resolves to may be loopback, private, link-local, " +
          "CGNAT, unique-local, multicast or otherwise internal (422 naming `url`) unless the operator set " +
          "WEBHOOK_ALLOW_PRIVATE=1; every delivery checks the address it connects to again.",
        tags,
        requestBody: { required: true, content: { "application/json": { schema: ref("WebhookInput") } } },
        responses: {
          "200": json("Saved: the URL and the current secret", "WebhookSaved"),
          "400": error("The body or `url` is missing, not text, too long or not a URL (the field says which)"),
          "401": notSignedIn,
          "403": adminOnly,
          "422": error("`url` is not http(s), carries credentials, points at an internal address or does not resolve"),
        },
      },
      delete: {
        summary: "Remove the alert webhook (audited as webhook.removed); deliveries still waiting are failed",
        tags,
        responses: {
          "204": { description: "Removed" },
          "401": notSignedIn,
          "403": adminOnly,
          "404": error("No webhook is set up"),
        },
      },
    },
    "/api/alerts/webhook/test": {
      post: {
        summary: "Queue a webhook.test delivery to the alert webhook (signed, retried and logged like an alert)",
        tags,
        responses: {
          "202": json("Queued", "WebhookTestQueued"),
          "401": notSignedIn,
          "403": adminOnly,
          "404": error("No webhook is set up"),
        },
      },
    },
  };
}
