import { assertAdmin } from "@/lib/admin/assert-admin";
import { changeUserAccess } from "@/lib/admin/change-user-access";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { changeUserAccessSchema } from "@/lib/schemas/admin";

/** Changes the user's role and stores. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const { id } = await params;
  const input = await readJson(request, changeUserAccessSchema);
  return Response.json(await changeUserAccess({ actor, userId: id, input }));
});
