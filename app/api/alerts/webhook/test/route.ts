// Issue 10: queue a `webhook.test` delivery to the merchant's alert webhook (admin only).
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await sendTestWebhook({ actor }), { status: 202 });
});
