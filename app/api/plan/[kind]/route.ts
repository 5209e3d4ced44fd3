// PUT: sets one kind's emergency plan (admin; audited as plan.changed).
import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { planKindSchema, planSchema } from "@/lib/notifications/plan";
import { assertCanEditPlan, savePlan } from "@/lib/notifications/save-plan";

export const PUT = apiHandler(async (request, { params }: { params: Promise<{ kind: string }> }) => {
  const actor = await requireActor(request.headers);
  assertCanEditPlan(actor);
  const { kind } = await params;
  const planKind = parseInput(planKindSchema, kind);
  const plan = await readJson(request, planSchema);
  return Response.json(await savePlan({ actor, kind: planKind, plan }));
});
