import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanStartDrill, startDrill } from "@/lib/drills/start-drill";
import { startDrillSchema } from "@/lib/schemas/drill";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertCanStartDrill(actor);
  const input = await readJson(request, startDrillSchema);
  return Response.json(await startDrill({ actor, input }), { status: 201 });
});
