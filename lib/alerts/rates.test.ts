import fc from "fast-check";
import { expect, test } from "vitest";
import { perThousand } from "@/lib/alerts/rates";

test("per 1,000, rounded to one decimal", () => {
  expect(perThousand(5, 1000)).toBe(5);
  expect(perThousand(7, 200)).toBe(35);
  expect(perThousand(1, 3)).toBe(333.3);
  expect(perThousand(2, 3000)).toBe(0.7);
});

test("nothing to divide by is 0, not Infinity or NaN", () => {
  expect(perThousand(3, 0)).toBe(0);
  expect(perThousand(0, 0)).toBe(0);
  expect(perThousand(0, 500)).toBe(0);
});

test("never negative and at most 1,000 when the count is part of the total", () => {
  fc.assert(
    fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
      const [count, total] = a <= b ? [a, b] : [b, a];
      const rate = perThousand(count, total);
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1000);
    }),
  );
});
