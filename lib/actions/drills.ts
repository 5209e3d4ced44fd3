"use server";
// Server actions of the /training page: the "Start a drill" form, posted with or without
// JavaScript. It parses with the shared schema and calls the one use case, which checks role,
// store and cashier again.
import type { ActionResult, ActionState } from "@/lib/api/action-result";
import { runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { startDrill } from "@/lib/drills/start-drill";
import { startDrillSchema } from "@/lib/schemas/drill";

/** A form field's text, or undefined when blank (the schema then says it is missing or uses its default). */
function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export async function startDrillAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("startDrill", (actor) =>
    startDrill({
      actor,
      input: parseInput(startDrillSchema, {
        kind: text(form, "kind"),
        cashierId: text(form, "cashierId"),
        terminalId: text(form, "terminalId"),
      }),
    }),
  );
}
