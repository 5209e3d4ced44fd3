// GET /api/dashboard?from=&to=&storeId=: every figure of the risk dashboard as JSON (issue 10).
// Admin and finance: every store; a supervisor: their stores (the use case checks).
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { dashboardQuerySchema } from "@/lib/schemas/dashboard";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // storeId may repeat (several stores chosen); any other parameter given twice is refused.
  const query = parseInput(dashboardQuerySchema, readQuery(request.url, ["storeId"]));
  return Response.json(await getDashboard({ actor, query }));
});
