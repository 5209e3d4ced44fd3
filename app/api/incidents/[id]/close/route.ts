import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanClose, closeIncident } from "@/lib/incidents/close-incident";
import { closeIncidentSchema } from "@/lib/schemas/incident";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertCanClose(actor);
  const { id } = await params;
  const input = await readJson(request, closeIncidentSchema);
  return Response.json(await closeIncident({ actor, id, input }));
});
