// GET: the merchant's emergency plan, every kind (the default where the admin has set none).
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { listPlans } from "@/lib/notifications/list-plans";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json({ plans: await listPlans({ actor }) });
});
