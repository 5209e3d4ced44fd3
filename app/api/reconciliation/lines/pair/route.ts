// POST /api/reconciliation/lines/pair: pairs a POS line with a statement line by hand (audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { pairLines } from "@/lib/reconciliation/exceptions/pair-lines";
import { pairLinesSchema } from "@/lib/schemas/reconciliation";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const input = await readJson(request, pairLinesSchema);
  return Response.json(await pairLines({ actor, input }));
});
