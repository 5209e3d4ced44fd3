import { apiHandler } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { readTrainingRecord } from "@/lib/drills/training-record";
import { trainingQuerySchema } from "@/lib/schemas/drill";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(trainingQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await readTrainingRecord({ actor, query }));
});
