import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { robustZScores } from "@/lib/dashboard/robust-z";

describe("robustZScores", () => {
  test("0.6745 · (x − median) / MAD, worked by hand", () => {
    // median 3, deviations 2 1 0 1 97 → MAD 1
    const scores = robustZScores([1, 2, 3, 4, 100]);
    for (const [i, expected] of [-1.349, -0.6745, 0, 0.6745, 65.4265].entries())
      expect(scores[i]).toBeCloseTo(expected, 3);
  });

  test("more than half the values equal (MAD 0): the mean absolute deviation stands in", () => {
    // median 0, deviations 0 0 0 0 0 0.25 → mean 0.25 / 6; 0.25 / (1.253314 · 0.041667) = 4.787
    const scores = robustZScores([0, 0, 0, 0, 0, 0.25]);
    expect(scores[5]).toBeCloseTo(4.787, 3);
    expect(scores.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  test("all equal, or nothing: no one stands out", () => {
    expect(robustZScores([7, 7, 7])).toEqual([0, 0, 0]);
    expect(robustZScores([])).toEqual([]);
  });

  test("a wild value cannot hide itself: the others' scores stay small whatever its size", () => {
    fc.assert(
      fc.property(
        // Rates as the dashboard has them: thousandths between 0 and 1.
        fc.array(
          fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
          { minLength: 5, maxLength: 30 },
        ),
        fc.integer({ min: 1_000, max: 1_000_000_000 }),
        (values, wild) => {
          const scores = robustZScores([...values, wild]);
          // Scores are finite, and the wild value scores at least as high as any other.
          expect(scores.every(Number.isFinite)).toBe(true);
          expect(Math.max(...scores.slice(0, -1))).toBeLessThanOrEqual(scores.at(-1) as number);
        },
      ),
    );
  });

  test("shifting and scaling the values leaves the scores unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 20 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 9 }),
        (values, shift, scale) => {
          const plain = robustZScores(values);
          const moved = robustZScores(values.map((value) => value * scale + shift));
          for (const [i, z] of moved.entries()) expect(z).toBeCloseTo(plain[i], 6);
        },
      ),
    );
  });
});
