import { expect, test } from "vitest";
import { median, medianAbsoluteDeviation, robustZ } from "@/lib/alerts/robust-z";

test("median of odd and even counts, NaN for none", () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNaN();
});

test("MAD is the median distance from the median", () => {
  // median 3; distances 2, 1, 0, 1, 97 → median 1
  expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
});

test("robust z is 0.6745 · (x − median) / MAD", () => {
  const sample = [100, 110, 90, 105, 95, 100, 102, 98];
  // median 100, distances 0,10,10,5,5,0,2,2 → MAD 3.5
  const result = robustZ(200, sample);
  expect(result.median).toBe(100);
  expect(result.mad).toBe(3.5);
  expect(result.z).toBeCloseTo((0.6745 * 100) / 3.5, 10);
});

test("one huge value in the sample barely moves the score", () => {
  const base = [100, 110, 90, 105, 95, 100, 102, 98];
  expect(robustZ(200, [...base, 100_000]).z).toBeGreaterThan(10);
});

test("MAD = 0 falls back to the mean absolute deviation", () => {
  // median 50, MAD 0 (six of eight are 50); mean absolute deviation (10 + 30) / 8 = 5
  const result = robustZ(60, [50, 50, 50, 50, 50, 50, 60, 80]);
  expect(result.mad).toBe(0);
  expect(result.z).toBeCloseTo(10 / (1.253314 * 5), 10);
});

test("a constant sample: the same value scores 0, any other is infinitely unusual", () => {
  expect(robustZ(50, [50, 50, 50]).z).toBe(0);
  expect(robustZ(51, [50, 50, 50]).z).toBe(Number.POSITIVE_INFINITY);
  expect(robustZ(49, [50, 50, 50]).z).toBe(Number.NEGATIVE_INFINITY);
});

test("an empty sample says nothing", () => {
  expect(robustZ(1_000_000, []).z).toBe(0);
});
