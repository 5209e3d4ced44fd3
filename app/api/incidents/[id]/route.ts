import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { getIncident } from "@/lib/incidents/get-incident";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await getIncident({ actor, id }));
});
