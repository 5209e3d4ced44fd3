"use server";
// Server action of the finance queue: complete the reconcile step of one incident, with the
// version the queue was rendered with (a stale one answers CONFLICT and changes nothing).
import { type ActionResult, idOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { stepActionSchema } from "@/lib/schemas/incident";

export async function reconcileAction(
  id: unknown,
  input: { note?: unknown; version?: unknown },
): Promise<ActionResult> {
  return runServerAction("reconcile", async (actor) => {
    const incidentId = idOf(id, "Incident");
    const parsed = parseInput(stepActionSchema, { action: "complete", note: input?.note, version: input?.version });
    await actOnStep({ actor, id: incidentId, key: "reconcile", input: parsed });
  });
}
