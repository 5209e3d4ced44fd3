import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { assertCanPrevent, createPreventionAction } from "@/lib/prevention/create-action";
import { listPreventionActions } from "@/lib/prevention/list-actions";
import { createPreventionActionSchema, listPreventionActionsQuerySchema } from "@/lib/schemas/prevention";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(listPreventionActionsQuerySchema, readQuery(request.url));
  return Response.json(await listPreventionActions({ actor, status: query.status }));
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertCanPrevent(actor);
  const input = await readJson(request, createPreventionActionSchema);
  return Response.json(await createPreventionAction({ actor, input }), { status: 201 });
});
