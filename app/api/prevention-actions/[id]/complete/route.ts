import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { completePreventionAction } from "@/lib/prevention/complete-action";
import { completePreventionActionSchema } from "@/lib/schemas/prevention";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  const input = await readJson(request, completePreventionActionSchema);
  return Response.json(await completePreventionAction({ actor, id, input }));
});
