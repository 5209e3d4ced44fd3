import { assertAdmin } from "@/lib/admin/assert-admin";
import { renameStore } from "@/lib/admin/rename-store";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { setStoreCutoff } from "@/lib/deadlines/set-store-cutoff";
import { updateStoreSchema } from "@/lib/schemas/admin";

/** Renames a store, sets its daily batch cut-off (issue 9), or both; each change is audited. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const { id } = await params;
  const { name, cutoffTime } = await readJson(request, updateStoreSchema);
  const renamed = name === undefined ? undefined : await renameStore({ actor, storeId: id, input: { name } });
  if (cutoffTime === undefined) return Response.json(renamed);
  return Response.json(await setStoreCutoff({ actor, storeId: id, cutoffTime }));
});
