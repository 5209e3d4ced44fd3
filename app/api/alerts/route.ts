import { listAlerts } from "@/lib/alerts/list-alerts";
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { listAlertsQuerySchema } from "@/lib/schemas/alerts";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(listAlertsQuerySchema, readQuery(request.url));
  return Response.json(await listAlerts({ actor, ...query }));
});
