// The deadline settings an admin keeps per merchant (issue 9), as data: per kind of incident, the
// rule that gives each applicable step and the whole case its deadline; how long before a deadline
// its responsible people are reminded; how long after a missed one the next level is told. The
// zod schema serves the admin's form, the API handler and the OpenAPI document; the defaults need
// no row. Pure (no I/O).
import "@/lib/schemas/zod-config";
import { z } from "zod";
import { isTimeZone } from "@/lib/deadlines/calendar";
import { INCIDENT_KINDS, type IncidentKind, STEP_KEYS, type StepKey } from "@/lib/incidents/rules";

export {
  DEADLINE_STATUSES,
  DEADLINE_SUBJECTS,
  type DeadlineStatus,
  type DeadlineSubject,
} from "@/lib/deadlines/vocabulary";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
export const DEFAULT_CUTOFF = "23:00";

/**
 * One deadline rule, counted from the moment of the mishap: the store's next batch cut-off, a
 * number of hours, of calendar days (same local time), or of working days (to the end of the day).
 */
export const deadlineRuleSchema = z.discriminatedUnion("after", [
  z.strictObject({ after: z.literal("cutoff") }),
  z.strictObject({ after: z.literal("hours"), count: z.int().min(1).max(2_160) }),
  z.strictObject({ after: z.literal("days"), count: z.int().min(1).max(365) }),
  z.strictObject({ after: z.literal("business_days"), count: z.int().min(1).max(250) }),
]);
export type DeadlineRule = z.output<typeof deadlineRuleSchema>;

/** A kind's rules: each step's (null = no deadline for it) and the whole case's. */
const kindRulesSchema = z.strictObject({
  ...(Object.fromEntries(STEP_KEYS.map((key) => [key, deadlineRuleSchema.nullable()])) as Record<
    StepKey,
    z.ZodNullable<typeof deadlineRuleSchema>
  >),
  close: deadlineRuleSchema,
});
export type KindRules = z.output<typeof kindRulesSchema>;

/** The settings as stored (Merchant.deadlineSettings) and as the admin sends them, time zone apart. */
export const deadlineSettingsSchema = z.strictObject({
  /** Hours before a deadline its responsible people are reminded; 0: no reminder. */
  reminderHours: z.int().min(0).max(720),
  /** Hours between one escalation level and the next while the work stays undone. */
  escalateEveryHours: z.int().min(1).max(720),
  kinds: z.strictObject(
    Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, kindRulesSchema])) as Record<
      IncidentKind,
      typeof kindRulesSchema
    >,
  ),
});
export type DeadlineSettings = z.output<typeof deadlineSettingsSchema>;

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, {
    message: "Not a time zone this server knows (an IANA name such as Asia/Shanghai).",
    params: { reason: "TIME_ZONE_UNKNOWN" },
  });

/** HH:MM, 00:00–23:59: a store's daily cut-off. */
export const cutoffTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time as HH:MM, 00:00 to 23:59.");

// Fresh objects on every call: a caller that edits the defaults it was given changes only its own copy.
const cutoff = (): DeadlineRule => ({ after: "cutoff" });
const days = (count: number): DeadlineRule => ({ after: "days", count });
const workingDays = (count: number): DeadlineRule => ({ after: "business_days", count });

/**
 * The rules every merchant has until the admin changes them. Halt and re-verify before the batch
 * settles (a wrong amount or card voided before the cut-off); notify within a working day; a
 * missing signature re-signed within 3 days; the reconcile step — where the bank's answer to a
 * retrieval request (调单) or a re-credit is agreed — within 5 working days; every case closed
 * within 30 days. A debit with no credit has nothing to void: it is re-verified within a working day.
 */
export function defaultKindRules(kind: IncidentKind): KindRules {
  return {
    halt: cutoff(),
    reverify: kind === "debited_not_credited" ? workingDays(1) : cutoff(),
    notify: workingDays(1),
    resign: days(3),
    reconcile: workingDays(5),
    close: days(30),
  };
}

export function defaultDeadlineSettings(): DeadlineSettings {
  return {
    reminderHours: 24,
    escalateEveryHours: 24,
    kinds: Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, defaultKindRules(kind)])) as Record<
      IncidentKind,
      KindRules
    >,
  };
}

/** Stored settings read back; text this build cannot read counts as the defaults. */
export function readStoredSettings(text: string | null | undefined): DeadlineSettings {
  if (!text) return defaultDeadlineSettings();
  try {
    const parsed = deadlineSettingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaultDeadlineSettings();
  } catch {
    return defaultDeadlineSettings();
  }
}
