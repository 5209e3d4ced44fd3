import { renameStore } from "@/lib/admin/rename-store";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { renameStoreSchema } from "@/lib/schemas/admin";

export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  const input = await readJson(request, renameStoreSchema);
  return Response.json(await renameStore({ actor, storeId: id, input }));
});
