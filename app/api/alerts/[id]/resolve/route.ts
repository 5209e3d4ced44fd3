import { resolveAlert } from "@/lib/alerts/resolve-alert";
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await resolveAlert({ actor, id }));
});
