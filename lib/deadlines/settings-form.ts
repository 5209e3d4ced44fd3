// How the deadline settings are laid out as a form (issue 9), shared by the page that draws it and
// the server action that reads it back: per kind, a rule for each step that applies to the kind
// and one for closing the case, each as a choice and a count. Pure (no I/O).
import type { DeadlineRule } from "@/lib/deadlines/settings";
import { APPLICABLE_STEPS, type IncidentKind, type StepKey } from "@/lib/incidents/rules";

/**
 * The kinds of day the business calendar holds: a holiday (法定节假日, a weekday off) or a make-up
 * working day (调休, a weekend day worked). Here rather than in schemas.ts so the page's client
 * components take them without zod.
 */
export const CALENDAR_DAY_TYPES = ["holiday", "workday"] as const;
export type CalendarDayType = (typeof CALENDAR_DAY_TYPES)[number];

/** What the admin picks for a rule; "none" is no deadline (a step's only, never closing's). */
export const RULE_CHOICES = ["none", "cutoff", "hours", "days", "business_days"] as const;
export type RuleChoice = (typeof RULE_CHOICES)[number];

/** The choices that take a count. */
export function choiceTakesCount(choice: string): boolean {
  return choice === "hours" || choice === "days" || choice === "business_days";
}

export interface RuleField {
  subject: StepKey | "close";
  /** The controls' name prefix: `${name}.after` and `${name}.count` (also the error's field path). */
  name: string;
}

export function ruleFields(kind: IncidentKind): RuleField[] {
  return [...(APPLICABLE_STEPS[kind] as readonly StepKey[]), "close" as const].map((subject) => ({
    subject,
    name: `kinds.${kind}.${subject}`,
  }));
}

/** A saved rule as the form's two controls. */
export function ruleControls(rule: DeadlineRule | null): { choice: RuleChoice; count: number | null } {
  if (rule === null) return { choice: "none", count: null };
  return rule.after === "cutoff" ? { choice: "cutoff", count: null } : { choice: rule.after, count: rule.count };
}
