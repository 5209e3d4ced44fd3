import { assertCanManageAlertRules, readAlertRules } from "@/lib/alerts/read-alert-rules";
import { saveAlertRules } from "@/lib/alerts/save-alert-rules";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { alertRulesInputSchema } from "@/lib/schemas/alerts";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await readAlertRules({ actor }));
});

export const PUT = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  assertCanManageAlertRules(actor);
  const input = await readJson(request, alertRulesInputSchema);
  return Response.json(await saveAlertRules({ actor, input }));
});
