import fc from "fast-check";
import { expect, test } from "vitest";
import { OutcomeColumns, type OutcomeRow } from "@/lib/reconciliation/import/outcome-columns";
import { LINE_CATEGORIES, MATCH_RULES } from "@/lib/reconciliation/types";

test("outcomes come back exactly as pushed, in order, across growth and chunking", () => {
  const row = fc.tuple(
    fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    fc.constantFrom(...LINE_CATEGORIES, "credit_unexplained"),
    fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: null }),
    fc.option(fc.constantFrom(...MATCH_RULES), { nil: null }),
  );
  fc.assert(
    fc.property(fc.array(row, { maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), (rows, size) => {
      const columns = new OutcomeColumns();
      for (const [id, category, matched, rule] of rows) columns.push(id, category, matched, rule);
      const back: OutcomeRow[] = [...columns.chunks(size)].flat();
      expect(back).toEqual(rows);
      expect(columns.length).toBe(rows.length);
    }),
    { numRuns: 50 },
  );
});

test("refuses a category it cannot store", () => {
  expect(() => new OutcomeColumns().push(1, "staged", null, null)).toThrow(/Unknown line category/);
});
