// The finance queue's filters: one schema for the page, the CSV export and their links.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

/** "Waiting longer than" choices, in whole days since the mishap. */
export const FINANCE_QUEUE_AGES = ["1", "3", "7"] as const;

export const financeQueueQuerySchema = z.strictObject({
  storeId: z.string().min(1).max(64).optional(),
  kind: z.enum(INCIDENT_KINDS, { error: `kind must be one of: ${INCIDENT_KINDS.join(", ")}.` }).optional(),
  olderThanDays: z
    .enum(FINANCE_QUEUE_AGES, { error: `olderThanDays must be one of: ${FINANCE_QUEUE_AGES.join(", ")}.` })
    .optional(),
});
export type FinanceQueueQuery = z.infer<typeof financeQueueQuerySchema>;
