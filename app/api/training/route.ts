import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { readTrainingRecord } from "@/lib/drills/training-record";
import { trainingQuerySchema } from "@/lib/schemas/drill";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(trainingQuerySchema, readQuery(request.url));
  return Response.json(await readTrainingRecord({ actor, query }));
});
