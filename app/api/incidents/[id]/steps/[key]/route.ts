import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { stepActionSchema, stepKeySchema } from "@/lib/schemas/incident";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string; key: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id, key } = await params;
  const stepKey = parseInput(stepKeySchema, key);
  const input = await readJson(request, stepActionSchema);
  return Response.json(await actOnStep({ actor, id, key: stepKey, input }));
});
