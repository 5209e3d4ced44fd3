"use server";
import { z } from "zod";
// The /admin/deadlines page's actions: each reads its form, parses it with the shared schema
// (lib/deadlines/schemas.ts, the same the API uses) and calls one use case, which checks the role
// and the merchant again.
import { type ActionResult, type ActionState, idOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import type { Actor } from "@/lib/auth/actor";
import { addCalendarDay } from "@/lib/deadlines/add-calendar-day";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { getDeadlineSettings } from "@/lib/deadlines/get-deadline-settings";
import { removeCalendarDay } from "@/lib/deadlines/remove-calendar-day";
import { saveDeadlineSettings } from "@/lib/deadlines/save-deadline-settings";
import { calendarDateSchema, calendarDayInputSchema, deadlineSettingsInputSchema } from "@/lib/deadlines/schemas";
import { setStoreCutoff } from "@/lib/deadlines/set-store-cutoff";
import { RULE_CHOICES, ruleFields } from "@/lib/deadlines/settings-form";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { storeCutoffInputSchema } from "@/lib/schemas/admin";

/** A text field of the form, or undefined so the schema reports it as missing. */
function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
}

/** A number typed into the form: "" is missing; anything else is the schema's to judge. */
function count(form: FormData, key: string): number | string | undefined {
  const value = text(form, key)?.trim();
  if (value === undefined || value === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** One rule from its two controls: the choice, and the count when the choice takes one. */
function ruleOf(form: FormData, name: string): unknown {
  const after = text(form, `${name}.after`);
  if (after === "none") return null;
  if (after === "cutoff") return { after };
  if (after === undefined || !(RULE_CHOICES as readonly string[]).includes(after)) return { after };
  return { after, count: count(form, `${name}.count`) };
}

/**
 * The settings a submitted form describes. The page shows each kind's applicable steps only; a step
 * that does not apply to a kind keeps its saved rule, so saving the page never changes what it
 * does not show.
 */
async function settingsFromForm(actor: Actor, form: FormData) {
  const current = await getDeadlineSettings({ actor });
  const kinds = Object.fromEntries(
    INCIDENT_KINDS.map((kind) => {
      const rules: Record<string, unknown> = { ...current.kinds[kind] };
      for (const { name, subject } of ruleFields(kind)) rules[subject] = ruleOf(form, name);
      return [kind, rules];
    }),
  );
  return {
    timeZone: text(form, "timeZone")?.trim(),
    reminderHours: count(form, "reminderHours"),
    escalateEveryHours: count(form, "escalateEveryHours"),
    kinds,
  };
}

export async function saveDeadlineSettingsAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("saveDeadlineSettings", async (actor) => {
    assertCanManageDeadlines(actor);
    const input = parseInput(deadlineSettingsInputSchema, await settingsFromForm(actor, form));
    await saveDeadlineSettings({ actor, input });
  });
}

export async function addCalendarDayAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("addCalendarDay", async (actor) => {
    assertCanManageDeadlines(actor);
    const input = parseInput(calendarDayInputSchema, {
      date: text(form, "date"),
      type: text(form, "type"),
      name: text(form, "name"),
    });
    await addCalendarDay({ actor, input });
  });
}

export async function removeCalendarDayAction(date: unknown, _state: ActionState): Promise<ActionResult> {
  return runServerAction("removeCalendarDay", async (actor) => {
    assertCanManageDeadlines(actor);
    const { date: parsed } = parseInput(z.strictObject({ date: calendarDateSchema }), { date });
    await removeCalendarDay({ actor, date: parsed });
  });
}

export async function setStoreCutoffAction(
  storeId: unknown,
  _state: ActionState,
  form: FormData,
): Promise<ActionResult> {
  return runServerAction("setStoreCutoff", async (actor) => {
    assertCanManageDeadlines(actor);
    const { cutoffTime } = parseInput(storeCutoffInputSchema, { cutoffTime: text(form, "cutoffTime") });
    await setStoreCutoff({ actor, storeId: idOf(storeId, "Store"), cutoffTime });
  });
}
