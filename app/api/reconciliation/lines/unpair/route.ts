// POST /api/reconciliation/lines/unpair: undoes a line's pairing by hand (audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { unpairLine } from "@/lib/reconciliation/exceptions/unpair-line";
import { unpairLineSchema } from "@/lib/schemas/reconciliation";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  requireReconciliation(actor, "reconciliation.resolve");
  const input = await readJson(request, unpairLineSchema);
  return Response.json(await unpairLine({ actor, input }));
});
