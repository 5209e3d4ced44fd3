"use server";
// Server actions of the /alerts page: acknowledge and resolve an alert, and (admin) save one alert
// rule. Each parses what the form sent and calls the same use case as the API, which checks role,
// store scope and state; the forms post them without JavaScript too.
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { assertCanManageAlertRules } from "@/lib/alerts/read-alert-rules";
import { resolveAlert } from "@/lib/alerts/resolve-alert";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { saveAlertRules } from "@/lib/alerts/save-alert-rules";
import { ALERT_RULE_TYPES } from "@/lib/alerts/types";
import type { ActionResult, ActionState } from "@/lib/api/server-action";
import { runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import { alertRulesInputSchema } from "@/lib/schemas/alerts";

function alertIdOf(value: unknown): string {
  if (typeof value === "string" && value.length > 0 && value.length <= 64) return value;
  throw new AppError("NOT_FOUND", { reason: "ALERT_NOT_FOUND" });
}

export async function acknowledgeAlertAction(id: unknown, _state: ActionState): Promise<ActionResult> {
  return runServerAction("acknowledgeAlert", (actor) => acknowledgeAlert({ actor, id: alertIdOf(id) }));
}

export async function resolveAlertAction(id: unknown, _state: ActionState): Promise<ActionResult> {
  return runServerAction("resolveAlert", (actor) => resolveAlert({ actor, id: alertIdOf(id) }));
}

/** A number field as sent: empty is absent (its default), anything else a number (or refused). */
function numberOf(value: FormDataEntryValue | null): number | undefined {
  if (value === null || (typeof value === "string" && value.trim() === "")) return undefined;
  return Number(value);
}

/** The rule form's fields as the API's body (PUT /api/alerts/rules with this one rule). */
function ruleInputOf(type: unknown, form: FormData): unknown {
  const ruleType = ALERT_RULE_TYPES.find((each) => each === type);
  if (!ruleType) throw new AppError("BAD_REQUEST", { reason: "INVALID_VALUE" }, { type: { reason: "INVALID_VALUE" } });
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(RULE_PARAMS_SCHEMAS[ruleType].shape)) {
    params[key] = key === "categories" ? form.getAll("categories") : numberOf(form.get(key));
  }
  const drillKind = form.get("drillKind");
  return {
    rules: [
      {
        type: ruleType,
        enabled: form.get("enabled") === "on",
        params,
        notify: { roles: form.getAll("roles"), userIds: form.getAll("userIds") },
        drillKind: typeof drillKind === "string" && drillKind !== "" ? drillKind : null,
      },
    ],
  };
}

export async function saveAlertRuleAction(type: unknown, _state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("saveAlertRule", (actor) => {
    assertCanManageAlertRules(actor);
    return saveAlertRules({ actor, input: parseInput(alertRulesInputSchema, ruleInputOf(type, form)) });
  });
}
