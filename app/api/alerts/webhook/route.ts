// Issue 10: the merchant's alert webhook (admin only): GET the URL and recent deliveries with their
// attempts, PUT a URL (answers the signing secret), DELETE it. Each change audited.
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { removeWebhook } from "@/lib/webhooks/remove-webhook";
import { saveWebhook } from "@/lib/webhooks/save-webhook";
import { webhookInputSchema } from "@/lib/webhooks/schemas";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await getWebhook({ actor }));
});

export const PUT = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  assertCanManageWebhook(actor);
  const input = await readJson(request, webhookInputSchema);
  return Response.json(await saveWebhook({ actor, input }));
});

export const DELETE = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  await removeWebhook({ actor });
  return new Response(null, { status: 204 });
});
