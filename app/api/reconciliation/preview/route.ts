// POST multipart `file`: the first rows of the file as cells (card numbers masked), for making a
// saved format from them. Nothing is stored. Like the upload, this route is outside proxy.ts's
// matcher (Next would buffer the proxied body): it sets the security headers itself.
import { apiHandler } from "@/lib/api/respond";
import { unproxiedRoute } from "@/lib/api/unproxied-route";
import { requireActor } from "@/lib/auth/actor";
import { previewUpload } from "@/lib/reconciliation/formats/preview-upload";

export const POST = unproxiedRoute(
  apiHandler(async (request) => {
    const actor = await requireActor(request.headers);
    return Response.json(await previewUpload({ actor, request }));
  }),
);
