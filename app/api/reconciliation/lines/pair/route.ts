// POST /api/reconciliation/lines/pair: pairs a POS line with a statement line by hand (audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { pairLines } from "@/lib/reconciliation/exceptions/pair-lines";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { pairLinesSchema } from "@/lib/schemas/reconciliation";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  requireReconciliation(actor, "reconciliation.resolve");
  const input = await readJson(request, pairLinesSchema);
  return Response.json(await pairLines({ actor, input }));
});
