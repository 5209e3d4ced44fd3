import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type LoggedKind, MIN_LOGGED, selectTrainingGaps, TOP_KINDS } from "@/lib/drills/select-gaps";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

const since = new Date("2026-06-01T00:00:00.000Z");
const row = (overrides: Partial<LoggedKind>): LoggedKind => ({
  userId: "u1",
  name: "Cai",
  kind: "pin_error",
  logged: 2,
  lastDrillAt: null,
  ...overrides,
});

describe("training gaps", () => {
  test("a kind logged once is no pattern; twice with no drill is a gap", () => {
    expect(selectTrainingGaps([row({ logged: 1 })], since)).toEqual([]);
    expect(selectTrainingGaps([row({ logged: 2 })], since)).toEqual([
      { userId: "u1", name: "Cai", kind: "pin_error", logged: 2, lastDrillAt: null },
    ]);
  });

  test("a drill closed since the cut-off closes the gap; one closed before it does not, and is named", () => {
    expect(selectTrainingGaps([row({ lastDrillAt: new Date("2026-06-01T00:00:00.000Z") })], since)).toEqual([]);
    const old = new Date("2026-05-31T23:59:59.000Z");
    expect(selectTrainingGaps([row({ lastDrillAt: old })], since)).toEqual([
      expect.objectContaining({ lastDrillAt: old.toISOString() }),
    ]);
  });

  test("only each cashier's three most logged kinds count, even when the top ones were practised", () => {
    const practised = new Date("2026-07-01T00:00:00.000Z");
    const rows = [
      row({ kind: "pin_error", logged: 9, lastDrillAt: practised }),
      row({ kind: "wrong_amount", logged: 8 }),
      row({ kind: "wrong_card", logged: 7 }),
      row({ kind: "unsigned_slip", logged: 6 }), // fourth: not among the top three
    ];
    expect(selectTrainingGaps(rows, since).map((gap) => gap.kind)).toEqual(["wrong_amount", "wrong_card"]);
  });

  test("most logged first across cashiers, ties by kind then name", () => {
    const rows = [
      row({ userId: "u2", name: "Chen", kind: "wrong_card", logged: 3 }),
      row({ userId: "u1", name: "Cai", kind: "wrong_card", logged: 3 }),
      row({ userId: "u1", name: "Cai", kind: "duplicate_charge", logged: 3 }),
      row({ userId: "u2", name: "Chen", kind: "pin_error", logged: 5 }),
    ];
    expect(selectTrainingGaps(rows, since).map((gap) => `${gap.name} ${gap.kind}`)).toEqual([
      "Chen pin_error",
      "Cai duplicate_charge",
      "Cai wrong_card",
      "Chen wrong_card",
    ]);
  });

  test("whatever the rows: at most three per cashier, each logged twice or more, none practised since", () => {
    const arbitraryRow = fc.record({
      userId: fc.constantFrom("u1", "u2", "u3"),
      name: fc.constantFrom("Cai", "Chen", "Dai"),
      kind: fc.constantFrom(...INCIDENT_KINDS),
      logged: fc.integer({ min: 0, max: 20 }),
      lastDrillAt: fc.option(
        fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }),
      ),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryRow, { selector: (r) => `${r.userId}:${r.kind}` }), (rows) => {
        const gaps = selectTrainingGaps(rows, since);
        for (const user of ["u1", "u2", "u3"]) {
          expect(gaps.filter((gap) => gap.userId === user).length).toBeLessThanOrEqual(TOP_KINDS);
        }
        for (const gap of gaps) {
          expect(gap.logged).toBeGreaterThanOrEqual(MIN_LOGGED);
          if (gap.lastDrillAt) expect(Date.parse(gap.lastDrillAt)).toBeLessThan(since.getTime());
          // Every kind logged more by the same cashier is also among their top three.
          const more = rows.filter((r) => r.userId === gap.userId && r.logged > gap.logged);
          expect(more.length).toBeLessThan(TOP_KINDS);
        }
        for (let index = 1; index < gaps.length; index++) {
          expect(gaps[index - 1].logged).toBeGreaterThanOrEqual(gaps[index].logged);
        }
      }),
    );
  });
});
