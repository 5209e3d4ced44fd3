// Zod schemas of the alerts API (issue 10): one source for the page's forms, the route handlers and
// the OpenAPI document. The rules' own schema (thresholds, who is told, drill kind) lives with the
// rules in lib/alerts/rule-settings.ts. Importable by client and server (no I/O here).
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { alertRuleSchema, alertRulesInputSchema } from "@/lib/alerts/rule-settings";
import { ALERT_RULE_TYPES, ALERT_STATUSES, ALERT_SUBJECT_TYPES } from "@/lib/alerts/types";

export { alertRulesInputSchema };

/** The most alerts of one status a list answers. */
export const ALERTS_PAGE_SIZE = 100;

export const listAlertsQuerySchema = z
  .strictObject({
    status: z
      .enum(ALERT_STATUSES, { error: `status must be one of: ${ALERT_STATUSES.join(", ")}.` })
      .optional()
      .describe("open, acknowledged or resolved; all when absent (open first)"),
    cursor: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("the nextCursor of the page before (one status's older alerts)"),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(ALERTS_PAGE_SIZE)
      .optional()
      .describe(`at most this many alerts of each status (${ALERTS_PAGE_SIZE} when absent)`),
  })
  .refine((query) => query.cursor === undefined || query.status !== undefined, {
    path: ["status"],
    params: { reason: "REQUIRED" },
    message: "status is required with a cursor.",
  });

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const alertEvidenceSchema = z
  .object({
    incidents: z.array(z.object({ id: z.string(), reference: z.string() })),
    lines: z.array(
      z.object({
        id: z.number().int(),
        tid: z.string().nullable(),
        txAt: z.string().nullable(),
        amountMinor: z.string().describe("minor units (fen) as a decimal string"),
        currency: z.string(),
        cardMasked: z.string().nullable().describe("first six and last four at most"),
      }),
    ),
    exception: z
      .object({
        id: z.string(),
        key: z.string(),
        category: z.string(),
        day: z.string(),
        amountMinor: z.string(),
        currency: z.string(),
      })
      .optional(),
    figures: z.record(z.string(), z.number()).describe("the numbers behind the condition: count, window, z, rate…"),
  })
  .describe("What the alert is based on: incidents and transaction lines (card masked), and its figures");

export const alertSchema = z
  .object({
    id: z.string(),
    rule: z.enum(ALERT_RULE_TYPES),
    status: z.enum(ALERT_STATUSES),
    subject: z.object({ type: z.enum(ALERT_SUBJECT_TYPES), id: z.string(), label: z.string() }),
    storeId: z.string().nullable(),
    storeName: z.string().nullable(),
    evidence: alertEvidenceSchema,
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: person,
    resolvedAt: z.string().nullable(),
    resolvedBy: person,
  })
  .meta({ id: "Alert" });
export type AlertDto = z.infer<typeof alertSchema>;

export const alertListSchema = z
  .object({
    items: z.array(alertSchema),
    nextCursor: z
      .string()
      .nullable()
      .describe("with a status: the cursor of its older alerts, null when there are none; null without one"),
  })
  .meta({ id: "AlertList" });
export type AlertListDto = z.infer<typeof alertListSchema>;

export const alertRuleListSchema = z
  .object({ rules: z.array(alertRuleSchema) })
  .meta({ id: "AlertRuleList", description: "Every rule with its settings (defaults where the admin changed none)" });
