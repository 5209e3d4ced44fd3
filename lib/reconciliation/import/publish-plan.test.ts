import { describe, expect, test } from "vitest";
import { PublishPlan } from "@/lib/reconciliation/import/publish-plan";

// Which POS outcomes make a day's dashboard sums be counted again (publish.ts): the table restated
// cell by cell — [category before, category after, counted again].
const CELLS: [string, string, boolean][] = [
  // A line of this import becomes visible: the day has one more transaction, whatever it is.
  ["staged", "matched", true],
  ["staged", "pending", true],
  ["staged", "declined", true],
  // Into or out of a counted category.
  ["pos_only", "unsigned", true],
  ["unsigned", "matched", true],
  ["matched", "duplicate", true],
  ["duplicate", "voided", true],
  // Moves among the categories the sums do not count: a statement pairing the journal's lines.
  ["pos_only", "matched", false],
  ["pending", "pos_only", false],
  ["matched", "amount_mismatch", false],
  ["ambiguous", "matched", false],
  // Unchanged, even when counted.
  ["unsigned", "unsigned", false],
  ["duplicate", "duplicate", false],
  ["matched", "matched", false],
];

describe("PublishPlan.notePosOutcome", () => {
  test.each(CELLS)("%s → %s: counted again %s", (before, after, counted) => {
    const plan = new PublishPlan();
    plan.notePosOutcome("2026-11-02", before, after);
    expect([...plan.tallyDays]).toEqual(counted ? ["2026-11-02"] : []);
  });

  test("a day is listed once however many of its lines changed", () => {
    const plan = new PublishPlan();
    plan.notePosOutcome("2026-11-02", "staged", "matched");
    plan.notePosOutcome("2026-11-02", "matched", "duplicate");
    plan.notePosOutcome("2026-11-03", "pos_only", "matched");
    expect([...plan.tallyDays]).toEqual(["2026-11-02"]);
  });
});
