// POST multipart `file`: the first rows of the file as cells (card numbers masked), for making a
// saved format from them. Nothing is stored.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { previewUpload } from "@/lib/reconciliation/formats/preview-upload";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await previewUpload({ actor, request }));
});
