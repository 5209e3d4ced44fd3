import { assertAdmin } from "@/lib/admin/assert-admin";
import { createStore } from "@/lib/admin/create-store";
import { listStores } from "@/lib/admin/list-stores";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { createStoreSchema } from "@/lib/schemas/admin";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json({ items: await listStores({ actor }) });
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const input = await readJson(request, createStoreSchema);
  return Response.json(await createStore({ actor, input }), { status: 201 });
});
