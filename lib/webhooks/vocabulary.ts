// The alert webhook's words shared by the schemas and the settings page, without zod: the page's
// client code imports these, and zod in the browser probes for eval, which the CSP refuses.

/** Longest webhook URL accepted. */
export const WEBHOOK_URL_MAX = 2000;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
