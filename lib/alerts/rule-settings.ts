// Each alert rule's settings as data: on or off, its thresholds, who is told and the drill it
// assigns. One zod schema serves the admin's form, PUT /api/alerts/rules and the OpenAPI document;
// a rule without a stored row has its defaults (like the emergency plan, lib/notifications/plan.ts).
// Pure: importable by client and server.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { ALERT_RULE_TYPES, type AlertRuleType } from "@/lib/alerts/types";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { type Audience, audienceSchema } from "@/lib/notifications/plan";

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

/** The reconciliation findings the reconciliation rule can alert on. */
export const RECONCILIATION_ALERT_CATEGORIES = ["duplicate", "pos_only", "credit_short", "credit_missing"] as const;

/** Each rule's thresholds; a missing one takes its default. */
export const RULE_PARAMS_SCHEMAS = {
  /** N unsigned slips by one operator (or cashier) or on one terminal within D days. */
  unsigned_streak: z.strictObject({ count: whole(2, 1000).default(3), days: whole(1, 90).default(7) }),
  /** N declines or PIN errors on one terminal within M minutes. */
  decline_burst: z.strictObject({ count: whole(2, 1000).default(5), minutes: whole(1, 1440).default(30) }),
  /** Any of these reconciliation findings past its settle date. */
  reconciliation: z.strictObject({
    categories: z
      .array(z.enum(RECONCILIATION_ALERT_CATEGORIES))
      .max(RECONCILIATION_ALERT_CATEGORIES.length * 2)
      .default([...RECONCILIATION_ALERT_CATEGORIES])
      .transform((list) => RECONCILIATION_ALERT_CATEGORIES.filter((category) => list.includes(category))),
  }),
  /** An incident amount whose robust z-score over the store's last D days is above the threshold. */
  amount_outlier: z.strictObject({
    threshold: z.number().min(1).max(100).default(4),
    days: whole(7, 365).default(90),
    minSamples: whole(3, 1000).default(10),
  }),
  /** A store's incidents in the last 7 days ≥ factor × the median of the W weeks before, and ≥ minCount. */
  store_spike: z.strictObject({
    weeks: whole(2, 26).default(8),
    factor: z.number().min(1).max(20).default(2),
    minCount: whole(1, 10_000).default(5),
  }),
  /** An operator's unsigned slips per 1,000 sales over D days above the threshold, from minSales sales. */
  unsigned_rate: z.strictObject({
    perThousand: z.number().min(0.1).max(1000).default(20),
    minSales: whole(1, 1_000_000).default(200),
    days: whole(1, 90).default(30),
  }),
} as const satisfies Record<AlertRuleType, z.ZodType>;

export type RuleParams<Type extends AlertRuleType> = z.output<(typeof RULE_PARAMS_SCHEMAS)[Type]>;

function ruleSchema<Type extends AlertRuleType, Params extends z.ZodObject>(type: Type, params: Params) {
  return z.strictObject({
    type: z.literal(type),
    enabled: z.boolean().default(true),
    // Absent: every threshold at its default.
    params: params.prefault({} as z.input<Params>),
    notify: audienceSchema.optional(),
    /** The kind of drill assigned to the cashier an alert names; null: none. */
    drillKind: z.enum(INCIDENT_KINDS).nullable().default(null),
  });
}

export const alertRuleSchema = z.discriminatedUnion("type", [
  ruleSchema("unsigned_streak", RULE_PARAMS_SCHEMAS.unsigned_streak),
  ruleSchema("decline_burst", RULE_PARAMS_SCHEMAS.decline_burst),
  ruleSchema("reconciliation", RULE_PARAMS_SCHEMAS.reconciliation),
  ruleSchema("amount_outlier", RULE_PARAMS_SCHEMAS.amount_outlier),
  ruleSchema("store_spike", RULE_PARAMS_SCHEMAS.store_spike),
  ruleSchema("unsigned_rate", RULE_PARAMS_SCHEMAS.unsigned_rate),
]);
export type AlertRuleInput = z.input<typeof alertRuleSchema>;

/** A rule's settings as evaluated and shown: every member present. */
export type AlertRuleSettings = {
  [Type in AlertRuleType]: {
    type: Type;
    enabled: boolean;
    params: RuleParams<Type>;
    notify: Audience;
    drillKind: (typeof INCIDENT_KINDS)[number] | null;
  };
}[AlertRuleType];
export type AlertRuleSettingsOf<Type extends AlertRuleType> = Extract<AlertRuleSettings, { type: Type }>;

/** PUT /api/alerts/rules: the rules to change (each named at most once); the others stay as they are. */
export const alertRulesInputSchema = z
  .strictObject({ rules: z.array(alertRuleSchema).min(1).max(ALERT_RULE_TYPES.length) })
  .superRefine((input, context) => {
    const seen = new Set<string>();
    input.rules.forEach((rule, index) => {
      if (seen.has(rule.type))
        context.addIssue({ code: "custom", path: ["rules", index, "type"], message: "INVALID_VALUE" });
      seen.add(rule.type);
    });
  })
  .meta({ id: "AlertRulesInput" });
export type AlertRulesInput = z.input<typeof alertRulesInputSchema>;

/**
 * Who is told by default: the store's supervisors and the admins, and finance too for the
 * reconciliation rule (money that did not arrive is their work).
 */
export function defaultNotify(type: AlertRuleType): Audience {
  return type === "reconciliation"
    ? { roles: ["SUPERVISOR", "FINANCE", "ADMIN"], userIds: [] }
    : { roles: ["SUPERVISOR", "ADMIN"], userIds: [] };
}

export function defaultRule<Type extends AlertRuleType>(type: Type): AlertRuleSettingsOf<Type> {
  return {
    type,
    enabled: true,
    params: RULE_PARAMS_SCHEMAS[type].parse({}),
    notify: defaultNotify(type),
    drillKind: null,
  } as AlertRuleSettingsOf<Type>;
}

/** A validated input rule with its defaults filled in. */
export function settingsOf(rule: z.output<typeof alertRuleSchema>): AlertRuleSettings {
  return { ...rule, notify: rule.notify ?? defaultNotify(rule.type) } as AlertRuleSettings;
}

/** A stored row read back; a row this build cannot read counts as the defaults. */
export function readStoredRule<Type extends AlertRuleType>(
  type: Type,
  row: { enabled: boolean; params: string; notify: string; drillKind: string | null } | null | undefined,
): AlertRuleSettingsOf<Type> {
  if (!row) return defaultRule(type);
  try {
    const parsed = alertRuleSchema.safeParse({
      type,
      enabled: row.enabled,
      params: JSON.parse(row.params),
      notify: JSON.parse(row.notify),
      drillKind: row.drillKind,
    });
    return parsed.success ? (settingsOf(parsed.data) as AlertRuleSettingsOf<Type>) : defaultRule(type);
  } catch {
    return defaultRule(type);
  }
}
