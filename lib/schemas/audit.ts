// The audit export's query (issue 10): one schema for the /audit page's form, the two export
// routes and the OpenAPI document.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { LOCALES } from "@/lib/i18n/locales";

const day = (field: string) => z.iso.date({ error: `${field} must be a date (YYYY-MM-DD).` });

const exportFields = {
  from: day("from")
    .optional()
    .describe("First day the incidents occurred on (UTC date), inclusive; none: from the first"),
  to: day("to").optional().describe("Last day, inclusive; none: up to now"),
  storeId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("Only this store's incidents (one you can see); none: every store you can see"),
};

const reversed = { error: "from must not be after to.", path: ["to"], params: { reason: "DATE_RANGE_REVERSED" } };

function orderedRange(value: { from?: string; to?: string }): boolean {
  return !value.from || !value.to || value.from <= value.to;
}

export const auditCsvQuerySchema = z.strictObject(exportFields).refine(orderedRange, reversed);
export type AuditCsvQuery = z.infer<typeof auditCsvQuerySchema>;

export const auditPdfQuerySchema = z
  .strictObject({
    ...exportFields,
    lang: z
      .enum(LOCALES, { error: `lang must be one of: ${LOCALES.join(", ")}.` })
      .optional()
      .describe("The report's language; none: the caller's (cookie, else Accept-Language)"),
  })
  .refine(orderedRange, reversed);
export type AuditPdfQuery = z.infer<typeof auditPdfQuerySchema>;
