import { assertAdmin } from "@/lib/admin/assert-admin";
import { createUser } from "@/lib/admin/create-user";
import { listUsers } from "@/lib/admin/list-users";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { createUserSchema } from "@/lib/schemas/admin";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json({ items: await listUsers({ actor }) });
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const input = await readJson(request, createUserSchema);
  return Response.json(await createUser({ actor, input }), { status: 201 });
});
