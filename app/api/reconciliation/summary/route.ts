// GET /api/reconciliation/summary: counts and amounts per category, per store and per settlement
// category (finance and admins; the caller's merchant only).
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { getReconciliationSummary } from "@/lib/reconciliation/exceptions/get-summary";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { reconciliationSummaryQuerySchema } from "@/lib/schemas/reconciliation";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not read this is told so, whatever they asked.
  requireReconciliation(actor, "reconciliation.view");
  const query = parseInput(reconciliationSummaryQuerySchema, readQuery(request.url));
  return Response.json(await getReconciliationSummary({ actor, query }));
});
