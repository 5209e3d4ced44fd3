// Zod schemas of the reconciliation's results as finance works them (issue 8): the summary, the
// exceptions list and its CSV, opening incidents from exceptions, pairing lines by hand. One
// source for the handlers and the OpenAPI document; importable by client and server (no I/O).
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { INCIDENT_KINDS, INCIDENT_STATUSES } from "@/lib/incidents/rules";
import { LINE_CATEGORIES, LINE_SOURCES, SETTLEMENT_CATEGORIES } from "@/lib/reconciliation/types";
import { incidentSchema } from "@/lib/schemas/incident";

/** What an exception can be: a line's category, or what became of a settle date's credit. */
export const EXCEPTION_CATEGORIES = [
  ...LINE_CATEGORIES.filter((category) => category !== "pending" && category !== "matched"),
  "credit_short",
  "credit_missing",
  "credit_unexplained",
] as const;
export type ExceptionCategory = (typeof EXCEPTION_CATEGORIES)[number];

export const EXCEPTION_STATUSES = ["open", "resolved"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** The exceptions filter on their incident: none opened or linked yet, or one is. */
export const EXCEPTION_INCIDENT_FILTERS = ["none", "linked"] as const;
export type ExceptionIncidentFilter = (typeof EXCEPTION_INCIDENT_FILTERS)[number];

/** Most exceptions a bulk open takes at once. */
export const BULK_OPEN_MAX = 500;

const day = (field: string) => z.iso.date({ error: `${field} must be a date (YYYY-MM-DD).` });
const storeId = z.string().min(1).max(64);

/** from ≤ to when both are given (refused on `to`). */
function orderedRange<T extends { from?: string; to?: string }>(value: T): boolean {
  return !value.from || !value.to || value.from <= value.to;
}
const reversed = { error: "from must not be after to.", path: ["to"], params: { reason: "DATE_RANGE_REVERSED" } };

export const reconciliationSummaryQuerySchema = z
  .strictObject({
    from: day("from").optional().describe("First day (the line's day; a settlement's settle date), inclusive"),
    to: day("to").optional().describe("Last day, inclusive"),
    storeId: storeId.optional().describe("Only this store's lines (settlements are per merchant: left out)"),
  })
  .refine(orderedRange, reversed);
export type ReconciliationSummaryQuery = z.infer<typeof reconciliationSummaryQuerySchema>;

/** The exceptions' filters, shared by the list and the CSV export. */
const exceptionFilters = {
  from: day("from").optional().describe("First day of the exception, inclusive"),
  to: day("to").optional().describe("Last day of the exception, inclusive"),
  category: z
    .enum(EXCEPTION_CATEGORIES, { error: `category must be one of: ${EXCEPTION_CATEGORIES.join(", ")}.` })
    .optional(),
  storeId: storeId.optional(),
  status: z
    .enum(EXCEPTION_STATUSES, { error: "status must be open or resolved." })
    .default("open")
    .describe("open (the default): still needing work; resolved: explained by a later file or a person"),
  incident: z
    .enum(EXCEPTION_INCIDENT_FILTERS, { error: "incident must be none or linked." })
    .optional()
    .describe("none: no incident opened or linked yet (the work not started); linked: one is; absent: both"),
};

/** A keyset cursor: the last exception's day and id, as the previous page's `nextCursor` gave it. */
export const EXCEPTION_CURSOR = /^(\d{4}-\d{2}-\d{2})~([A-Za-z0-9_-]{1,64})$/;

export const listExceptionsQuerySchema = z
  .strictObject({
    ...exceptionFilters,
    cursor: z
      .string()
      .max(80)
      .regex(EXCEPTION_CURSOR, "cursor must be a nextCursor this list gave.")
      .optional()
      .describe("The previous page's nextCursor"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(orderedRange, reversed);
export type ListExceptionsQuery = z.infer<typeof listExceptionsQuerySchema>;

export const exportExceptionsQuerySchema = z.strictObject(exceptionFilters).refine(orderedRange, reversed);
export type ExportExceptionsQuery = z.infer<typeof exportExceptionsQuerySchema>;

const lineId = (field: string) =>
  z
    .number({ error: `${field} must be a line id (a whole number).` })
    .int()
    .positive()
    // The lines' ids are PostgreSQL integers (int4): a larger one names no line, and would not bind.
    .max(2_147_483_647, { error: `${field} must be a line id (a whole number up to 2147483647).` });

export const openIncidentsSchema = z
  .strictObject({
    ids: z
      .array(z.string().min(1).max(64), { error: "ids must be a list of exception ids." })
      .min(1)
      .max(BULK_OPEN_MAX),
  })
  .meta({ id: "OpenIncidentsFromExceptions" });
export type OpenIncidentsInput = z.infer<typeof openIncidentsSchema>;

export const pairLinesSchema = z
  .strictObject({ posLineId: lineId("posLineId"), statementLineId: lineId("statementLineId") })
  .meta({ id: "PairLines" });
export type PairLinesInput = z.infer<typeof pairLinesSchema>;

export const unpairLineSchema = z.strictObject({ lineId: lineId("lineId") }).meta({ id: "UnpairLine" });
export type UnpairLineInput = z.infer<typeof unpairLineSchema>;

// ---- answers ----

const categoryCount = z.object({
  category: z.string(),
  count: z.number().int(),
  amount: z.string().describe("Sum of the amounts, decimal"),
  currency: z.string(),
});

export const reconciliationSummarySchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    storeId: z.string().nullable(),
    lines: z.array(categoryCount.extend({ source: z.enum(LINE_SOURCES) })).describe("Per source and category"),
    stores: z
      .array(
        z.object({
          storeId: z.string().nullable().describe("null: lines of no known terminal"),
          storeName: z.string().nullable(),
          categories: z.array(categoryCount.extend({ source: z.enum(LINE_SOURCES) })),
        }),
      )
      .describe("The same per store"),
    settlements: z.array(
      z.object({
        category: z.union([z.enum(SETTLEMENT_CATEGORIES), z.string()]),
        count: z.number().int(),
        expected: z.string().describe("Sum of the settle dates' net totals, decimal"),
        shortBy: z.string().describe("Sum of what the bank credited too little, decimal"),
      }),
    ),
    exceptions: z.object({ open: z.number().int(), resolved: z.number().int() }),
  })
  .meta({ id: "ReconciliationSummary" });
export type ReconciliationSummaryDto = z.infer<typeof reconciliationSummarySchema>;

export const reconLineSchema = z
  .object({
    id: z.number().int(),
    source: z.enum(LINE_SOURCES),
    lineNo: z.number().int().describe("The row number a spreadsheet shows in the imported file"),
    storeId: z.string().nullable(),
    tid: z.string().nullable(),
    txAt: z.string().nullable().describe('Wall clock in the merchant\'s zone, "YYYY-MM-DD HH:MM:SS"'),
    day: z.string(),
    settleDate: z.string().nullable(),
    card: z.string().nullable().describe("Masked: first six and last four at most"),
    txType: z.string().nullable(),
    amount: z.string(),
    currency: z.string(),
    rrn: z.string().nullable(),
    authCode: z.string().nullable(),
    traceNo: z.string().nullable(),
    batchNo: z.string().nullable(),
    memo: z.string().nullable().describe("A bank credit's memo (摘要) as the bank wrote it, card numbers masked"),
    counterparty: z.string().nullable().describe("Who paid a bank credit (对方户名): usually the acquirer"),
    category: z.string(),
    matchedLineId: z.number().int().nullable(),
    matchRule: z.string().nullable(),
    manual: z.boolean(),
    exceptionId: z.string().nullable(),
  })
  .meta({ id: "ReconLine" });
export type ReconLineDto = z.infer<typeof reconLineSchema>;

const incidentRef = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(INCIDENT_STATUSES).describe("Where the case stands: a closed one needs no more work"),
});

export const reconExceptionSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    category: z.string(),
    status: z.enum(EXCEPTION_STATUSES),
    storeId: z.string().nullable(),
    storeName: z.string().nullable(),
    tid: z.string().nullable(),
    batchNo: z.string().nullable(),
    day: z.string(),
    lineCount: z.number().int(),
    amount: z.string(),
    currency: z.string(),
    incidentKind: z.enum(INCIDENT_KINDS).nullable().describe("The kind an incident opened from it gets"),
    incident: incidentRef.nullable(),
    lines: z.array(reconLineSchema).describe("The first few lines (all of them: the CSV export)"),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: "ReconException" });
export type ReconExceptionDto = z.infer<typeof reconExceptionSchema>;

export const reconExceptionListSchema = z
  .object({ items: z.array(reconExceptionSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ReconExceptionList" });

export const openedIncidentSchema = z
  .object({
    incident: incidentSchema,
    exceptionId: z.string(),
    linked: z
      .boolean()
      .describe("true: the exception was linked to an incident that already existed (same rrn, or linked before)"),
  })
  .meta({ id: "OpenedIncident" });
export type OpenedIncidentDto = z.infer<typeof openedIncidentSchema>;

export const bulkOpenResultSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({
          id: z.string(),
          status: z.literal(201).or(z.literal(200)),
          incident: incidentRef,
          linked: z.boolean(),
        }),
        z.object({
          id: z.string(),
          status: z.number().int(),
          error: z.object({ code: z.string(), reason: z.string(), message: z.string() }),
        }),
      ]),
    ),
  })
  .meta({ id: "OpenIncidentsResult" });

export const pairingResultSchema = z
  .object({
    lines: z.array(reconLineSchema),
    resolvedExceptionIds: z.array(z.string()),
    openedExceptionIds: z.array(z.string()),
  })
  .meta({ id: "PairingResult" });
export type PairingResultDto = z.infer<typeof pairingResultSchema>;
