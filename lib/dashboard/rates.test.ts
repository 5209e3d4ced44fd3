import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { emptyCounts, markOutliers, perThousand, rateRow } from "@/lib/dashboard/rates";

describe("rates per 1,000 transactions", () => {
  test("count · 1,000 / transactions, to a tenth; none without transactions", () => {
    expect(perThousand(5, 120)).toBe(41.7);
    expect(perThousand(1, 120)).toBe(8.3);
    expect(perThousand(0, 5)).toBe(0);
    expect(perThousand(3, 3)).toBe(1000);
    expect(perThousand(0, 0)).toBeNull();
  });

  test("a rate is never negative nor above 1,000 for a count within the transactions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, share) => {
          const rate = perThousand(Math.floor(total * share), total) as number;
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1000);
        },
      ),
    );
  });

  test("a row's rates and counts", () => {
    const row = rateRow("s1", "Store 1", { ...emptyCounts(), transactions: 200, sales: 190, unsigned: 3, refunds: 1 });
    expect(row).toEqual({
      key: "s1",
      label: "Store 1",
      transactions: 200,
      sales: 190,
      counts: { unsigned: 3, declines: 0, duplicates: 0, voids: 0, refunds: 1 },
      perThousand: { unsigned: 15, declines: 0, duplicates: 0, voids: 0, refunds: 5 },
      outliers: [],
    });
  });
});

describe("outliers", () => {
  const row = (key: string, transactions: number, unsigned: number) =>
    rateRow(key, key, { ...emptyCounts(), transactions, sales: transactions, unsigned });

  test("the row whose rate stands out among its siblings is marked; rows sorted by transactions", () => {
    const rows = markOutliers([
      row("a", 100, 1),
      row("b", 200, 2),
      row("c", 100, 1),
      row("d", 100, 1),
      row("e", 100, 30),
    ]);
    expect(rows.map((r) => r.key)).toEqual(["b", "a", "c", "d", "e"]);
    expect(rows.find((r) => r.key === "e")?.outliers).toEqual(["unsigned"]);
    expect(rows.filter((r) => r.outliers.length > 0)).toHaveLength(1);
  });

  test("a row of fewer than 20 transactions is neither marked nor counted among the siblings", () => {
    const rows = markOutliers([
      row("a", 100, 1),
      row("b", 100, 1),
      row("c", 100, 1),
      row("d", 100, 1),
      row("tiny", 19, 19),
    ]);
    expect(rows.every((r) => r.outliers.length === 0)).toBe(true);
  });

  test("fewer than three rows to compare: no outliers", () => {
    expect(markOutliers([row("a", 100, 0), row("b", 100, 90)]).every((r) => r.outliers.length === 0)).toBe(true);
  });

  test("rows of one rate all alike never stand out", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 20, max: 5000 }), (n, transactions) => {
        const rows = markOutliers(Array.from({ length: n }, (_, i) => row(`r${i}`, transactions, 1)));
        expect(rows.every((r) => r.outliers.length === 0)).toBe(true);
      }),
    );
  });
});
