"use server";
// The emergency plan editor's action: the form's checkboxes and lists become the plan, parsed with
// the one plan schema (lib/notifications/plan.ts) and saved by the use case, which checks the role
// and the named people again.
import { type ActionResult, type ActionState, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { STEP_KEYS } from "@/lib/incidents/rules";
import { planKindSchema, planSchema } from "@/lib/notifications/plan";
import { assertCanEditPlan, savePlan } from "@/lib/notifications/save-plan";

function audienceOf(form: FormData, name: string) {
  const all = (key: string) => form.getAll(`${name}.${key}`).filter((value) => typeof value === "string");
  return { roles: all("roles"), userIds: all("userIds") };
}

/** The plan a submitted form describes (field names: onLogged.roles, responsible.halt.userIds, …). */
export async function planFromForm(form: FormData) {
  return {
    onLogged: audienceOf(form, "onLogged"),
    onNotify: audienceOf(form, "onNotify"),
    responsible: Object.fromEntries(STEP_KEYS.map((key) => [key, audienceOf(form, `responsible.${key}`)])),
  };
}

export async function savePlanAction(kind: unknown, _state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("savePlan", async (actor) => {
    assertCanEditPlan(actor);
    await savePlan({
      actor,
      kind: parseInput(planKindSchema, kind),
      plan: parseInput(planSchema, await planFromForm(form)),
    });
  });
}
