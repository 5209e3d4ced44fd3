"use server";
// Server actions of the prevention pages: each parses its input with the shared schemas and calls
// one use case, which checks role, scope and state; then the page is refreshed.
import { type ActionResult, idOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { completePreventionAction } from "@/lib/prevention/complete-action";
import { createPreventionAction } from "@/lib/prevention/create-action";
import { completePreventionActionSchema, createPreventionActionSchema } from "@/lib/schemas/prevention";

export async function createPreventionActionAction(input: unknown): Promise<ActionResult> {
  return runServerAction("createPreventionAction", (actor) =>
    createPreventionAction({ actor, input: parseInput(createPreventionActionSchema, input) }),
  );
}

export async function completePreventionActionAction(id: unknown, input: unknown): Promise<ActionResult> {
  return runServerAction("completePreventionAction", (actor) =>
    completePreventionAction({
      actor,
      id: idOf(id, "PreventionAction"),
      input: parseInput(completePreventionActionSchema, input),
    }),
  );
}
