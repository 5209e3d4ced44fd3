import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { createIncidentSchema, listIncidentsQuerySchema } from "@/lib/schemas/incident";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const query = parseInput(listIncidentsQuerySchema, readQuery(request.url));
  return Response.json(await listIncidents({ actor, query }));
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // Checked before the body is read, so a refused key leaves nothing behind.
  const idempotencyKey = parseIdempotencyKey(request.headers.get(IDEMPOTENCY_KEY_HEADER));
  const input = await readJson(request, createIncidentSchema);
  const { incident, replayed } = await createIncident({ actor, input, idempotencyKey });
  return Response.json(incident, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
});
