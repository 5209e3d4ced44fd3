import { addTerminal } from "@/lib/admin/add-terminal";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { listStores } from "@/lib/admin/list-stores";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { addTerminalSchema } from "@/lib/schemas/admin";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const stores = await listStores({ actor });
  return Response.json({ items: stores.flatMap((store) => store.terminals) });
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const input = await readJson(request, addTerminalSchema);
  return Response.json(await addTerminal({ actor, input }), { status: 201 });
});
