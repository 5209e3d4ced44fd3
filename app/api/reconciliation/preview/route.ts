// POST multipart `file`: the first rows of the file as cells (card numbers masked), for making a
// saved format from them. Nothing is stored. Like the upload, this route is outside proxy.ts's
// matcher (Next would buffer the proxied body): it sets the security headers itself.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/http/security-headers";
import { previewUpload } from "@/lib/reconciliation/formats/preview-upload";

const https = env.BETTER_AUTH_URL?.startsWith("https:") ?? false;

const post = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await previewUpload({ actor, request }));
});

export async function POST(request: Request, context: unknown): Promise<Response> {
  const response = await post(request, context);
  for (const [name, value] of Object.entries(apiSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}
