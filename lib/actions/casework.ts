"use server";
// Server actions of the incident page. Each parses its input with the shared schemas and calls
// one use case, which checks role, store, rules and version; then the page is refreshed.
import { type ActionResult, idOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { closeIncident } from "@/lib/incidents/close-incident";
import { reopenIncident } from "@/lib/incidents/reopen-incident";
import { closeIncidentSchema, reopenIncidentSchema, stepActionSchema, stepKeySchema } from "@/lib/schemas/incident";

export async function actOnStepAction(id: unknown, key: unknown, input: unknown): Promise<ActionResult> {
  return runServerAction("actOnStep", async (actor) => {
    const stepKey = parseInput(stepKeySchema, key);
    await actOnStep({ actor, id: idOf(id, "Incident"), key: stepKey, input: parseInput(stepActionSchema, input) });
  });
}

export async function closeIncidentAction(id: unknown, input: unknown): Promise<ActionResult> {
  return runServerAction("closeIncident", (actor) =>
    closeIncident({ actor, id: idOf(id, "Incident"), input: parseInput(closeIncidentSchema, input) }),
  );
}

export async function reopenIncidentAction(id: unknown, input: unknown): Promise<ActionResult> {
  return runServerAction("reopenIncident", (actor) =>
    reopenIncident({ actor, id: idOf(id, "Incident"), input: parseInput(reopenIncidentSchema, input) }),
  );
}
