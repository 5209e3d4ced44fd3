// The audit export's query (issue 10): one schema for the /audit page's form, the two export
// routes and the OpenAPI document. The page's form is a plain GET straight to the routes, so an
// empty field (a date left blank, "All your stores") means no filter, as a form sends it.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { LOCALES } from "@/lib/i18n/locales";

/** "" (a blank form field) reads as absent. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const day = (field: string) => z.iso.date({ error: `${field} must be a date (YYYY-MM-DD).` });

const reversed = { error: "from must not be after to.", path: ["to"], params: { reason: "DATE_RANGE_REVERSED" } };

function orderedRange(value: { from?: string; to?: string }): boolean {
  return !value.from || !value.to || value.from <= value.to;
}

export const auditExportQuerySchema = z
  .strictObject({
    from: blankAsAbsent(day("from")).describe(
      "First day the incidents occurred on (UTC date), inclusive; none: from the first",
    ),
    to: blankAsAbsent(day("to")).describe("Last day, inclusive; none: up to now"),
    storeId: blankAsAbsent(z.string().min(1).max(64)).describe(
      "Only this store's incidents (one you can see); none: every store you can see",
    ),
    lang: blankAsAbsent(z.enum(LOCALES, { error: `lang must be one of: ${LOCALES.join(", ")}.` })).describe(
      "The file's language; none: the caller's (cookie, else Accept-Language)",
    ),
  })
  .refine(orderedRange, reversed);
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** What rows an export covers (the language aside). */
export type AuditRange = Omit<AuditExportQuery, "lang">;
