// Statement ↔ bank: each settle date's net total against the merchant's bank credits.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type CreditLine, matchCredits, type SettlementTotal } from "./match-credits";

const OPTIONS = { creditWindowDays: 3, today: "2026-11-30" };
const total = (settleDate: string, netMinor: number, acquirerMid = "898310048160001"): SettlementTotal => ({
  acquirerMid,
  settleDate,
  netMinor,
});
const credit = (id: number, date: string, amountMinor: number): CreditLine => ({ id, date, amountMinor });

describe("matchCredits", () => {
  test("a credit of exactly the net total within the window credits the settle date", () => {
    const result = matchCredits([total("2026-11-20", 1_000_000)], [credit(1, "2026-11-21", 1_000_000)], OPTIONS);
    expect(result.settlements).toEqual([
      {
        acquirerMid: "898310048160001",
        settleDate: "2026-11-20",
        expectedMinor: 1_000_000,
        category: "credited",
        creditLineId: 1,
        shortByMinor: 0,
      },
    ]);
    expect(result.credits).toEqual([
      { id: 1, category: "matched", settleDate: "2026-11-20", acquirerMid: "898310048160001" },
    ]);
  });

  test("the window runs from the settle date to settle date + creditWindowDays, both included", () => {
    const result = matchCredits(
      [total("2026-11-10", 100), total("2026-11-20", 200), total("2026-11-24", 300)],
      [
        credit(1, "2026-11-10", 100),
        credit(2, "2026-11-23", 200),
        credit(3, "2026-11-28", 300),
        credit(4, "2026-11-09", 300),
      ],
      OPTIONS,
    );
    expect(result.settlements.map((settlement) => settlement.creditLineId)).toEqual([1, 2, null]);
    expect(result.credits.map((line) => line.category)).toEqual([
      "matched",
      "matched",
      "credit_unexplained",
      "credit_unexplained",
    ]);
  });

  test("a short credit: the nearest smaller credit in the window, short by the difference", () => {
    const result = matchCredits(
      [total("2026-11-20", 1_000_000)],
      [credit(1, "2026-11-21", 400_000), credit(2, "2026-11-22", 990_000), credit(3, "2026-11-21", 1_200_000)],
      OPTIONS,
    );
    expect(result.settlements[0]).toMatchObject({ category: "credit_short", creditLineId: 2, shortByMinor: 10_000 });
    expect(result.credits.map((line) => line.category)).toEqual([
      "credit_unexplained",
      "matched",
      "credit_unexplained",
    ]);
  });

  test("exact matches go first over all totals: a short never takes another date's exact credit", () => {
    // 11-20 expects 1,000 and got 900 (short); 11-21 expects 990 and got it exactly. Taken date by
    // date, 11-20 would grab the 990 as its nearest smaller credit.
    const result = matchCredits(
      [total("2026-11-20", 1_000), total("2026-11-21", 990)],
      [credit(1, "2026-11-21", 900), credit(2, "2026-11-22", 990)],
      OPTIONS,
    );
    expect(result.settlements.map(({ category, creditLineId }) => ({ category, creditLineId }))).toEqual([
      { category: "credit_short", creditLineId: 1 },
      { category: "credited", creditLineId: 2 },
    ]);
  });

  test("no credit once the window has passed: credit_missing by the whole total", () => {
    const result = matchCredits([total("2026-11-20", 5_000)], [], { ...OPTIONS, today: "2026-11-24" });
    expect(result.settlements[0]).toMatchObject({
      category: "credit_missing",
      creditLineId: null,
      shortByMinor: 5_000,
    });
  });

  test("no credit while the window is open: awaiting_credit", () => {
    const result = matchCredits([total("2026-11-20", 5_000)], [], { ...OPTIONS, today: "2026-11-23" });
    expect(result.settlements[0]).toMatchObject({ category: "awaiting_credit", creditLineId: null, shortByMinor: 0 });
  });

  test("a bigger credit does not make a short one", () => {
    const result = matchCredits([total("2026-11-20", 5_000)], [credit(1, "2026-11-20", 5_001)], OPTIONS);
    expect(result.settlements[0].category).toBe("credit_missing");
    expect(result.credits[0].category).toBe("credit_unexplained");
  });

  test("a credit that explains no settle date is credit_unexplained", () => {
    const result = matchCredits([], [credit(7, "2026-11-20", 12_345)], OPTIONS);
    expect(result.credits).toEqual([{ id: 7, category: "credit_unexplained", settleDate: null, acquirerMid: null }]);
  });

  test("one credit per total and per merchant id; equal credits go earliest date, then lowest id", () => {
    const result = matchCredits(
      [total("2026-11-20", 700, "MID-B"), total("2026-11-20", 700, "MID-A")],
      [credit(9, "2026-11-21", 700), credit(8, "2026-11-21", 700), credit(3, "2026-11-22", 700)],
      OPTIONS,
    );
    expect(result.settlements.map(({ acquirerMid, creditLineId }) => ({ acquirerMid, creditLineId }))).toEqual([
      { acquirerMid: "MID-A", creditLineId: 8 },
      { acquirerMid: "MID-B", creditLineId: 9 },
    ]);
    expect(result.credits.map(({ id, category }) => ({ id, category }))).toEqual([
      { id: 3, category: "credit_unexplained" },
      { id: 8, category: "matched" },
      { id: 9, category: "matched" },
    ]);
  });

  test("a settle date whose refunds outweigh its sales owes nothing", () => {
    const result = matchCredits([total("2026-11-20", -300)], [credit(1, "2026-11-21", 300)], OPTIONS);
    expect(result.settlements[0]).toMatchObject({ category: "credited", creditLineId: null });
    expect(result.credits[0].category).toBe("credit_unexplained");
  });

  const days = fc.integer({ min: 10, max: 20 }).map((day) => `2026-11-${day}`);
  const totals = fc.uniqueArray(
    fc.record({
      acquirerMid: fc.constantFrom("A", "B"),
      settleDate: days,
      netMinor: fc.integer({ min: -50, max: 500 }),
    }),
    { selector: (line) => `${line.acquirerMid}:${line.settleDate}`, maxLength: 12 },
  );
  const credits = fc
    .array(fc.record({ date: days, amountMinor: fc.integer({ min: 1, max: 500 }) }), { maxLength: 12 })
    .map((lines) => lines.map((line, index) => ({ id: index + 1, ...line })));

  test("property: each credit pays at most one total, inside its window, never more than it expects", () => {
    fc.assert(
      fc.property(totals, credits, (totalsDrawn, creditsDrawn) => {
        const result = matchCredits(totalsDrawn, creditsDrawn, OPTIONS);
        expect(result.settlements).toHaveLength(totalsDrawn.length);
        expect(result.credits.map((line) => line.id)).toEqual(creditsDrawn.map((line) => line.id));
        const used = result.settlements.flatMap((settlement) =>
          settlement.creditLineId === null ? [] : [settlement.creditLineId],
        );
        expect(new Set(used).size).toBe(used.length);
        for (const settlement of result.settlements) {
          const paid = creditsDrawn.find((line) => line.id === settlement.creditLineId);
          if (paid === undefined) continue;
          expect(paid.date >= settlement.settleDate).toBe(true);
          expect(paid.amountMinor + settlement.shortByMinor).toBe(settlement.expectedMinor);
          expect(settlement.shortByMinor >= 0).toBe(true);
          const outcome = result.credits.find((line) => line.id === paid.id);
          expect(outcome).toMatchObject({ category: "matched", settleDate: settlement.settleDate });
        }
        const matched = result.credits.filter((line) => line.category === "matched").length;
        expect(matched).toBe(used.length);
      }),
      { numRuns: 300 },
    );
  });

  test("property: the result does not depend on the order of the input", () => {
    fc.assert(
      fc.property(totals, credits, (totalsDrawn, creditsDrawn) => {
        expect(matchCredits([...totalsDrawn].reverse(), [...creditsDrawn].reverse(), OPTIONS)).toEqual(
          matchCredits(totalsDrawn, creditsDrawn, OPTIONS),
        );
      }),
      { numRuns: 300 },
    );
  });
});
