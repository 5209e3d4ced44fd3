import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanReopen, reopenIncident } from "@/lib/incidents/reopen-incident";
import { reopenIncidentSchema } from "@/lib/schemas/incident";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertCanReopen(actor);
  const { id } = await params;
  const input = await readJson(request, reopenIncidentSchema);
  return Response.json(await reopenIncident({ actor, id, input }));
});
