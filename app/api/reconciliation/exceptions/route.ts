// GET /api/reconciliation/exceptions: the exception groups that need work, keyset-paginated.
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { listExceptions } from "@/lib/reconciliation/exceptions/list-exceptions";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { listExceptionsQuerySchema } from "@/lib/schemas/reconciliation";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not read this is told so, whatever they asked.
  requireReconciliation(actor, "reconciliation.view");
  const query = parseInput(listExceptionsQuerySchema, readQuery(request.url));
  return Response.json(await listExceptions({ actor, query }));
});
