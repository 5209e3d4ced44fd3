import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { createIncident } from "@/lib/incidents/create-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { createIncidentSchema, listIncidentsQuerySchema } from "@/lib/schemas/incident";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(listIncidentsQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listIncidents({ actor, query }));
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && !/^[\w.:-]{1,128}$/.test(idempotencyKey)) {
    throw new AppError("BAD_REQUEST", "Idempotency-Key must be 1–128 letters, digits, '-', '_', '.' or ':'.", {
      "Idempotency-Key": "Invalid.",
    });
  }
  const input = await readJson(request, createIncidentSchema);
  const { incident, replayed } = await createIncident({ actor, input, idempotencyKey });
  return Response.json(incident, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
});
