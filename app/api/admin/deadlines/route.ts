// Issue 9: the merchant's deadline settings — time zone, reminder and escalation hours, and per
// kind the rule of each step and of the whole case (admin only; PUT replaces them, audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { getDeadlineSettings } from "@/lib/deadlines/get-deadline-settings";
import { saveDeadlineSettings } from "@/lib/deadlines/save-deadline-settings";
import { deadlineSettingsInputSchema } from "@/lib/deadlines/schemas";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await getDeadlineSettings({ actor }));
});

export const PUT = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  assertCanManageDeadlines(actor);
  const input = await readJson(request, deadlineSettingsInputSchema);
  return Response.json(await saveDeadlineSettings({ actor, input }));
});
