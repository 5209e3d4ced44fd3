// The risk dashboard (issue 10): its query and every figure it shows, one schema for the /dashboard
// page, GET /api/dashboard, its CSV and the OpenAPI document. Drills never count here.
// Days are the merchant's local days (Merchant.timeZone); an incident belongs to the day it
// occurred on, a transaction line to its own day (ReconLine.day).
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { CAUSES } from "@/lib/incidents/causes";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

/** "" (a blank form field) reads as absent. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const day = (field: string) => z.iso.date({ error: `${field} must be a date (YYYY-MM-DD).` });

/** The longest period one dashboard covers: two years of days. */
export const DASHBOARD_MAX_DAYS = 731;
/** The period when none is given: the last 30 local days, today included. */
export const DASHBOARD_DEFAULT_DAYS = 30;

export const dashboardQuerySchema = z
  .strictObject({
    from: blankAsAbsent(day("from")).describe("First local day of the period, inclusive; none: 29 days before to"),
    to: blankAsAbsent(day("to")).describe("Last local day of the period, inclusive; none: today"),
    storeId: z
      .preprocess(
        (value) => (value === "" || (Array.isArray(value) && value.every((item) => item === "")) ? undefined : value),
        z
          .union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(500)])
          .transform((value) => (Array.isArray(value) ? value.filter(Boolean) : [value]))
          .optional(),
      )
      .describe(
        "Only these stores (repeat the parameter for several; each one you can see); none: every store you can see",
      ),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    error: "from must not be after to.",
    path: ["to"],
    params: { reason: "DATE_RANGE_REVERSED" },
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Open cases by how long they have been open (now − createdAt). */
export const AGE_BUCKETS = ["under1d", "d1to3", "d3to7", "over7d"] as const;
/** The per-1,000-transaction rates read from imported POS journals. */
export const RATE_KINDS = ["unsigned", "declines", "duplicates", "voids", "refunds"] as const;
/** What the rates are broken down by. */
export const RATE_DIMENSIONS = ["store", "terminal", "operator", "hour"] as const;
/** The series' bucket: a day up to 62 days, an ISO week (its Monday) up to 26 weeks, else a month (its 1st). */
export const SERIES_GRAINS = ["day", "week", "month"] as const;

const count = z.number().int().nonnegative();
const minor = z.number().int().describe("Minor units (fen for CNY)");

export const rateRowSchema = z.strictObject({
  /** store id, terminal id (Terminal.id, else the journal's TID), "<store id>:<operator code>" (an operator
   *  code is a store's own: the same code in two stores is two rows), or "00".."23" */
  key: z.string(),
  /** store name, TID, operator code, or "14:00" */
  label: z.string(),
  /** POS journal lines in the period (every type, approved or not) */
  transactions: count,
  /** approved sales */
  sales: count,
  counts: z.strictObject({
    unsigned: count,
    declines: count,
    duplicates: count,
    voids: count,
    refunds: count,
  }),
  /** count per 1,000 transactions, rounded to 0.1; null when there are no transactions */
  perThousand: z.strictObject({
    unsigned: z.number().nullable(),
    declines: z.number().nullable(),
    duplicates: z.number().nullable(),
    voids: z.number().nullable(),
    refunds: z.number().nullable(),
  }),
  /** the rates on which this row stands out from its siblings (robust z-score > 3.5 and ≥ 20 transactions) */
  outliers: z.array(z.enum(RATE_KINDS)),
});
export type RateRow = z.infer<typeof rateRowSchema>;

export const dashboardSchema = z.strictObject({
  period: z.strictObject({ from: z.iso.date(), to: z.iso.date(), timeZone: z.string(), grain: z.enum(SERIES_GRAINS) }),
  /** the stores counted (the ones asked for, or every store the viewer can see) */
  stores: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  incidents: z.strictObject({
    /** incidents that occurred in the period */
    total: count,
    byKind: z.array(z.strictObject({ kind: z.enum(INCIDENT_KINDS), count })),
    /** incidents of the period (by the day they occurred) now closed, by cause (an incident with two causes
     *  counts in both) */
    byCause: z.array(z.strictObject({ cause: z.enum(CAUSES), count })),
    /** one entry per bucket of the period, every bucket present (zeros included), oldest first */
    series: z.array(
      z.strictObject({
        start: z.iso.date(),
        byKind: z.record(z.enum(INCIDENT_KINDS), count),
        byCause: z.record(z.enum(CAUSES), count),
      }),
    ),
  }),
  /** open and in-progress incidents now (not limited to the period), by age */
  open: z.strictObject({
    total: count,
    overdue: count,
    byAge: z.array(z.strictObject({ bucket: z.enum(AGE_BUCKETS), count })),
  }),
  /** per currency: open incidents' amounts now; lost and recovered of incidents closed in the period */
  money: z.array(z.strictObject({ currency: z.string(), atRiskMinor: minor, lostMinor: minor, recoveredMinor: minor })),
  /** incidents closed in the period, per kind: time from logging to closing, in hours — each close counted in
   *  steps of 0.1 h under 10 h, 1 h under 100 h, 10 h under 1,000 h, else 100 h (cut down), and the
   *  nearest-rank median and 90th percentile of those steps (lib/dashboard/close-time.ts) */
  timeToClose: z.array(
    z.strictObject({ kind: z.enum(INCIDENT_KINDS), closed: count, medianHours: z.number(), p90Hours: z.number() }),
  ),
  /** from imported POS journals in the period; totals null-free, breakdowns sorted by transactions desc */
  transactions: z.strictObject({
    overall: rateRowSchema,
    byStore: z.array(rateRowSchema),
    byTerminal: z.array(rateRowSchema),
    byOperator: z.array(rateRowSchema),
    byHour: z.array(rateRowSchema),
  }),
  /** cashiers who have not practised (no drill in the last 180 days) the kinds they most often log */
  trainingGaps: z.array(
    z.strictObject({
      userId: z.string(),
      name: z.string(),
      kind: z.enum(INCIDENT_KINDS),
      /** incidents of this kind they logged in the last 90 days */
      logged: count,
      /** their last drill of this kind, if any (older than 180 days) */
      lastDrillAt: z.string().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
