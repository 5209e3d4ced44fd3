// Zod schemas for incidents: one source for the cashier's form, the route handlers and the
// OpenAPI document. Importable by client and server (no I/O here).
import { z } from "zod";
import { DEADLINE_STATUSES } from "@/lib/deadlines/vocabulary";
import "@/lib/schemas/zod-config";

import { containsPan, maskPans } from "@/lib/card-data/mask-pan";
import { ERROR_REASONS } from "@/lib/errors/messages";
import { CAUSES } from "@/lib/incidents/causes";
import {
  CONTACT_METHODS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  RESOLUTIONS,
  STEP_KEYS,
  STEP_STATUSES,
} from "@/lib/incidents/rules";
import { incidentTerminalSchema } from "@/lib/schemas/terminal-details";

/** How far ahead of the server's clock an occurredAt may be (a till's clock runs fast). */
export const OCCURRED_AT_CLOCK_SKEW_MS = 5 * 60_000;

/** Largest amount accepted, in minor units (10,000,000.00). */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

/** Parses "1234.5" into 123450 minor units; null when the text is not a valid amount. */
export function parseAmountToMinor(text: string): number | null {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function formatMinor(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Free text (description, notes): stored and copied into audit events, so card numbers are masked. */
const optionalText = (max: number) =>
  z.string().max(max, `At most ${max} characters.`).trim().overwrite(maskPans).optional();

export const amountSchema = z
  .string({ error: 'Amount must be a decimal string such as "128.50".' })
  .refine((value) => parseAmountToMinor(value) !== null, {
    error: "Amount must be a number with at most 2 decimals.",
    params: { reason: "AMOUNT_NOT_A_NUMBER" },
  })
  .refine((value) => (parseAmountToMinor(value) ?? 0) > 0, {
    error: "Amount must be greater than 0.",
    params: { reason: "AMOUNT_NOT_POSITIVE" },
  })
  .refine((value) => (parseAmountToMinor(value) ?? 0) <= MAX_AMOUNT_MINOR, {
    error: "Amount must be at most 10,000,000.00.",
    params: { reason: "AMOUNT_TOO_LARGE", max: formatMinor(MAX_AMOUNT_MINOR) },
  });

/** Money recovered or lost on closing: like an amount, but "0" is a real answer. */
export const outcomeAmountSchema = z
  .string({ error: 'Amount must be a decimal string such as "128.50" (or "0").' })
  .refine((value) => parseAmountToMinor(value) !== null, {
    error: "Amount must be a number with at most 2 decimals.",
    params: { reason: "AMOUNT_NOT_A_NUMBER" },
  })
  .refine((value) => (parseAmountToMinor(value) ?? 0) <= MAX_AMOUNT_MINOR, {
    error: "Amount must be at most 10,000,000.00.",
    params: { reason: "AMOUNT_TOO_LARGE", max: formatMinor(MAX_AMOUNT_MINOR) },
  });

export const createIncidentSchema = z
  .strictObject({
    kind: z.enum(INCIDENT_KINDS, { error: "Choose a kind of incident." }),
    terminalId: z
      .string({ error: "Terminal (TID) is required." })
      .trim()
      .regex(/^[A-Za-z0-9]{4,16}$/, "Terminal must be the TID printed on the slip (4–16 letters or digits).")
      .refine((value) => !containsPan(value), {
        error: "Terminal must be the TID printed on the slip, not a card number.",
        params: { reason: "LOOKS_LIKE_CARD_NUMBER" },
      }),
    occurredAt: z.iso
      .datetime({ offset: true, error: "occurredAt must be an ISO 8601 date-time." })
      // Checked here, not after parsing, so a form hears about it with every other field at once.
      .refine((value) => Date.parse(value) <= Date.now() + OCCURRED_AT_CLOCK_SKEW_MS, {
        error: "Cannot be in the future.",
        params: { reason: "OCCURRED_IN_FUTURE" },
      })
      .optional(),
    amount: amountSchema.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "Currency must be a 3-letter ISO code such as CNY.")
      .default("CNY"),
    cardBin: z
      .string()
      .regex(/^\d{6}$/, "Card BIN must be exactly 6 digits.")
      .optional(),
    cardLast4: z
      .string()
      .regex(/^\d{4}$/, "Card last 4 must be exactly 4 digits.")
      .optional(),
    rrn: z
      .string()
      .regex(/^\d{12}$/, "Reference number (RRN) must be 12 digits.")
      .optional(),
    authCode: z
      .string()
      .regex(/^[A-Za-z0-9]{6}$/, "Authorisation code must be 6 letters or digits.")
      .optional(),
    traceNo: z
      .string()
      .regex(/^\d{6}$/, "Trace number must be 6 digits.")
      .optional(),
    batchNo: z
      .string()
      .regex(/^\d{6}$/, "Batch number must be 6 digits.")
      .optional(),
    description: optionalText(2000),
    confirmDuplicate: z
      .boolean({ error: "confirmDuplicate must be true or false." })
      .optional()
      .describe(
        "true logs the incident even when an open one of the merchant looks like the same mishap " +
          "(without it such a request answers 409 DUPLICATE_SUSPECTED naming them); the audit trail records it.",
      ),
  })
  .meta({ id: "CreateIncident" });
export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

export const stepActionSchema = z
  .strictObject({
    action: z.enum(["complete", "skip"], { error: 'action must be "complete" or "skip".' }),
    note: optionalText(1000),
    contactMethod: z.enum(CONTACT_METHODS, { error: "contactMethod must be phone, sms or in_person." }).optional(),
    identityVerified: z.boolean().optional(),
    version: z.number({ error: "version is required." }).int().positive(),
  })
  .meta({ id: "StepAction" });
export type StepActionInput = z.infer<typeof stepActionSchema>;

export const closeIncidentSchema = z
  .strictObject({
    resolution: z.enum(RESOLUTIONS, { error: `resolution must be one of: ${RESOLUTIONS.join(", ")}.` }),
    causes: z
      .array(z.enum(CAUSES, { error: `Each cause must be one of: ${CAUSES.join(", ")}.` }), {
        error: "causes is required: one or more causes.",
      })
      .min(1, "Choose at least one cause.")
      .max(CAUSES.length, `At most ${CAUSES.length} causes.`)
      .describe('Why it happened (one or more); "other" needs the note saying what.'),
    recoveredAmount: outcomeAmountSchema.describe('Money recovered, as a decimal string ("0" allowed).'),
    lostAmount: outcomeAmountSchema.describe('Money lost, as a decimal string ("0" allowed).'),
    note: optionalText(1000),
    version: z.number({ error: "version is required." }).int().positive(),
  })
  .refine((input) => !input.causes.includes("other") || Boolean(input.note), {
    error: 'The cause "other" needs a note saying what happened.',
    path: ["note"],
    params: { reason: "CAUSE_OTHER_NEEDS_NOTE" },
  })
  .meta({ id: "CloseIncident" });
export type CloseIncidentInput = z.infer<typeof closeIncidentSchema>;

export const reopenIncidentSchema = z
  .strictObject({
    note: z
      .string({ error: "A note saying why is required." })
      .trim()
      .min(1, "A note saying why is required.")
      .max(1000)
      .overwrite(maskPans),
    version: z.number({ error: "version is required." }).int().positive(),
  })
  .meta({ id: "ReopenIncident" });
export type ReopenIncidentInput = z.infer<typeof reopenIncidentSchema>;

export const stepKeySchema = z.enum(STEP_KEYS, { error: `Step must be one of: ${STEP_KEYS.join(", ")}.` });

/** The list's orders: newest or oldest logged, or soonest due (the work queue's). */
export const INCIDENT_SORTS = ["newest", "oldest", "due"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

export const listIncidentsQuerySchema = z.strictObject({
  status: z.enum(INCIDENT_STATUSES).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  storeId: z.string().min(1).max(64).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().min(1).max(64).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  from: z.iso.date({ error: "from must be a date (YYYY-MM-DD)." }).optional(),
  to: z.iso.date({ error: "to must be a date (YYYY-MM-DD)." }).optional(),
  sort: z
    .enum(INCIDENT_SORTS, { error: `sort must be one of: ${INCIDENT_SORTS.join(", ")}.` })
    .optional()
    .describe("newest (the default), oldest, or due: soonest due first"),
  actionable: z
    .enum(["true", "false"])
    .optional()
    .describe("true: only cases not closed whose current step your role may complete, or close"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuerySchema>;

export const stepSchema = z
  .object({
    key: z.enum(STEP_KEYS),
    status: z.enum(STEP_STATUSES),
    by: z.object({ id: z.string(), name: z.string() }).optional(),
    at: z.string().optional(),
    note: z.string().optional(),
    contactMethod: z.enum(CONTACT_METHODS).optional(),
    identityVerified: z.boolean().optional(),
  })
  .meta({ id: "Step" });

export const timelineEventSchema = z
  .object({
    seq: z.number().int(),
    type: z
      .string()
      .describe(
        "The event's type (incident.created, step.completed, step.skipped, incident.closed, incident.reopened, …); " +
          "`before` and `after` have the shape the audit catalogue gives that type.",
      ),
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: "TimelineEvent" });

export const incidentSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    status: z.enum(INCIDENT_STATUSES),
    version: z.number().int(),
    storeId: z.string(),
    storeName: z.string(),
    terminalId: z.string(),
    amount: z.string().nullable(),
    currency: z.string(),
    occurredAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    cardBin: z.string().nullable(),
    cardLast4: z.string().nullable(),
    rrn: z.string().nullable(),
    authCode: z.string().nullable(),
    traceNo: z.string().nullable(),
    batchNo: z.string().nullable(),
    description: z.string().nullable(),
    resolution: z.enum(RESOLUTIONS).nullable(),
    closedAt: z.string().nullable(),
    /** Set while the incident is closed: why it happened, and the money outcome. */
    causes: z.array(z.enum(CAUSES)).nullable(),
    recoveredAmount: z.string().nullable(),
    lostAmount: z.string().nullable(),
    closeNote: z.string().nullable(),
    /** The person who logged it; null when the reconciliation opened it (origin "reconciliation"). */
    reportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    origin: z.enum(["till", "reconciliation"]),
    /** Issue 10: a drill (模拟演练) — practice, never counted in dashboards, alerts, exports or deadlines. */
    drill: z.boolean().describe("true for a drill (模拟演练): practice, never counted."),
    /** The cashier a drill is for (null on a real incident). */
    drillFor: z.object({ id: z.string(), name: z.string() }).nullable(),
    steps: z.array(stepSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Incident" });
export type IncidentDto = z.infer<typeof incidentSchema>;

/** Issue 9: one deadline the incident was given when it was logged. */
export const incidentDeadlineSchema = z
  .object({
    step: z.enum([...STEP_KEYS, "close"]).describe('A checklist step, or "close" for the whole case.'),
    dueAt: z.string(),
    status: z
      .enum(DEADLINE_STATUSES)
      .describe("met: done in time; missed: done late, or not done and passed; pending: not done, not passed."),
  })
  .meta({ id: "IncidentDeadline" });

export const incidentDetailSchema = incidentSchema
  .extend({
    timeline: z.array(timelineEventSchema),
    /** Issue 9: the deadlines it was given, checklist order then the close. */
    deadlines: z.array(incidentDeadlineSchema),
    /** Issue 9: on a terminal_fault incident only, what the admin recorded about its terminal. */
    terminalDetails: incidentTerminalSchema
      .optional()
      .describe("terminal_fault incidents only: the terminal's model, software and support contact."),
  })
  .meta({ id: "IncidentDetail" });
export type IncidentDetailDto = z.infer<typeof incidentDetailSchema>;

export const incidentListSchema = z
  .object({ items: z.array(incidentSchema), nextCursor: z.string().nullable() })
  .meta({ id: "IncidentList" });

const errorMessageSchema = z.object({
  reason: z.enum(ERROR_REASONS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("The class of error, which fixes the HTTP status (e.g. RULE_VIOLATION → 422)."),
      reason: z
        .enum(ERROR_REASONS)
        .describe("What exactly went wrong: a stable key to switch on, whatever the language."),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe('The values the reason names, e.g. { "next": "halt", "step": "notify" }.'),
      message: z
        .string()
        .describe("The reason in words, in the locale cookie's language, else Accept-Language's, else English."),
      fields: z.record(z.string(), z.string()).optional().describe("Field → what is wrong with it, in words."),
      fieldReasons: z
        .record(z.string(), errorMessageSchema)
        .optional()
        .describe("Field → what is wrong with it, as a reason and params."),
    }),
  })
  .meta({ id: "Error" });

/** An open incident a create looks like: named by a 409 DUPLICATE_SUSPECTED. */
export const suspectedDuplicateSchema = z
  .object({ id: z.string(), reference: z.string().describe("INC-000123") })
  .meta({ id: "SuspectedDuplicate" });
export type SuspectedDuplicate = z.infer<typeof suspectedDuplicateSchema>;

export const duplicateSuspectedErrorSchema = z
  .object({
    error: errorSchema.shape.error.extend({
      code: z.literal("DUPLICATE_SUSPECTED"),
      duplicates: z
        .array(suspectedDuplicateSchema)
        .describe("The open incidents of the merchant that look like the same mishap, oldest first."),
    }),
  })
  .meta({ id: "DuplicateSuspectedError" });

export const signInSchema = z
  .strictObject({
    email: z.email({ error: "Enter a valid email address." }).max(254),
    password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(256),
  })
  .meta({ id: "SignIn" });

/** Keys that would carry sensitive authentication data; rejected wherever they appear. */
export const FORBIDDEN_CARD_KEYS = /^(cvv2?|cvc2?|cvn2?|pin|pinblock|pan|track.*|fullcardnumber|cardnumber)$/i;
