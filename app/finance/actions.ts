"use server";
// Server action of the finance queue: complete the reconcile step of one incident, with the
// version the queue was rendered with (a stale one answers CONFLICT and changes nothing).
import { refresh } from "next/cache";
import { incidentIdOf, runAction } from "@/app/incidents/[id]/run-action";
import type { ActionResult } from "@/components/casework/action-result";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { stepActionSchema } from "@/lib/schemas/incident";

export async function reconcileAction(
  id: unknown,
  input: { note?: unknown; version?: unknown },
): Promise<ActionResult> {
  return runAction("reconcile", async (actor) => {
    const incidentId = incidentIdOf(id);
    if (!incidentId) throw new AppError("NOT_FOUND", "Incident not found.");
    const parsed = parseInput(stepActionSchema, { action: "complete", note: input?.note, version: input?.version });
    await actOnStep({ actor, id: incidentId, key: "reconcile", input: parsed });
    refresh();
  });
}
