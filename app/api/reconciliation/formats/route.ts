// GET: the merchant's saved import formats; POST: save one (finance and admin; audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import { listFormats } from "@/lib/reconciliation/formats/list-formats";
import { saveFormat } from "@/lib/reconciliation/formats/save-format";
import { saveFormatSchema } from "@/lib/reconciliation/formats/schema";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json({ formats: await listFormats({ actor }) });
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertCanImport(actor);
  const input = await readJson(request, saveFormatSchema);
  return Response.json(await saveFormat({ actor, input }), { status: 201 });
});
