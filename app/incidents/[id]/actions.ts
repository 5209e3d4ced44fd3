"use server";
// Server actions of the incident page. Each parses its input with the shared schemas and calls
// one use case, which checks role, store, rules and version; then the page is refreshed.
import { refresh } from "next/cache";
import { incidentIdOf, runAction } from "@/app/incidents/[id]/run-action";
import type { ActionResult } from "@/components/casework/action-result";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { closeIncident } from "@/lib/incidents/close-incident";
import { reopenIncident } from "@/lib/incidents/reopen-incident";
import { closeIncidentSchema, reopenIncidentSchema, stepActionSchema, stepKeySchema } from "@/lib/schemas/incident";

function requireId(value: unknown): string {
  const id = incidentIdOf(value);
  if (!id) throw new AppError("NOT_FOUND", "Incident not found.");
  return id;
}

export async function actOnStepAction(id: unknown, key: unknown, input: unknown): Promise<ActionResult> {
  return runAction("actOnStep", async (actor) => {
    const stepKey = parseInput(stepKeySchema, key);
    await actOnStep({ actor, id: requireId(id), key: stepKey, input: parseInput(stepActionSchema, input) });
    refresh();
  });
}

export async function closeIncidentAction(id: unknown, input: unknown): Promise<ActionResult> {
  return runAction("closeIncident", async (actor) => {
    await closeIncident({ actor, id: requireId(id), input: parseInput(closeIncidentSchema, input) });
    refresh();
  });
}

export async function reopenIncidentAction(id: unknown, input: unknown): Promise<ActionResult> {
  return runAction("reopenIncident", async (actor) => {
    await reopenIncident({ actor, id: requireId(id), input: parseInput(reopenIncidentSchema, input) });
    refresh();
  });
}
