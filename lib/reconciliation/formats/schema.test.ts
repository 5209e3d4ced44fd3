// The format form and the parser agree on which fields a file must have: a saved format is refused
// for a missing field exactly when the parser would refuse a file with that format's headers.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FORMAT_FIELDS, isRequiredField, saveFormatSchema } from "@/lib/reconciliation/formats/schema";
import { matchHeader } from "@/lib/reconciliation/parse/headers";
import { REQUIRED_FIELDS } from "@/lib/reconciliation/parse/required-fields";
import { type CustomFormat, type FieldName, IMPORT_TYPES } from "@/lib/reconciliation/types";

describe("required fields", () => {
  test.each(IMPORT_TYPES)("a %s format misses a field for the form exactly when the parser misses a column", (type) => {
    const fields: readonly FieldName[] = FORMAT_FIELDS[type];
    fc.assert(
      fc.property(fc.subarray([...fields]), (mapped) => {
        // Each mapped field under its own header; a date column always comes with a time column
        // (the form's own rule for a date without a time of day is not the parser's header check).
        const withTime =
          mapped.includes("date") && type !== "bank_credit" ? [...new Set([...mapped, "time" as const])] : mapped;
        const mapping = Object.fromEntries(withTime.map((field) => [field, `Column ${field}`]));
        const format: CustomFormat = { type, mapping, datePattern: null, amountUnit: "yuan", skipRows: 0 };
        const parserMisses = matchHeader(Object.values(mapping), type, format).missing.length > 0;
        const parsed = saveFormatSchema.safeParse({ name: "Bank export", type, mapping });
        const formMisses =
          !parsed.success &&
          parsed.error.issues.some(
            (issue) => (issue as { params?: { reason?: string } }).params?.reason === "REQUIRED",
          );
        expect(formMisses).toBe(parserMisses);
      }),
    );
  });

  test("the form marks as required the fields the parser needs on their own, and no others", () => {
    for (const type of IMPORT_TYPES) {
      const alone = REQUIRED_FIELDS[type].filter((need): need is FieldName => typeof need === "string");
      expect(FORMAT_FIELDS[type].filter((field) => isRequiredField(type, field))).toEqual(
        FORMAT_FIELDS[type].filter((field) => alone.includes(field)),
      );
    }
  });
});
