// GET /api/dashboard?from=&to=&storeId=: every figure of the risk dashboard as JSON (issue 10).
// Admin and finance: every store; a supervisor: their stores (the use case checks).
import { apiHandler } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { dashboardQuerySchema } from "@/lib/schemas/dashboard";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const params = new URL(request.url).searchParams;
  // storeId may repeat; every other parameter is read once (a repeated one is refused by the schema).
  const raw: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    raw[name] = name === "storeId" || values.length > 1 ? values : values[0];
  }
  const query = parseInput(dashboardQuerySchema, raw);
  return Response.json(await getDashboard({ actor, query }));
});
