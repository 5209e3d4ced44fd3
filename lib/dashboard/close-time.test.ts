import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { closeTimeStep, percentileHours, wholeSecondsBetween } from "@/lib/dashboard/close-time";

describe("time to close", () => {
  test("steps: 0.1 h under 10 h, 1 h under 100 h, 10 h under 1,000 h, then 100 h, cut down", () => {
    const hours = (h: number) => closeTimeStep(h * 3600) / 10;
    expect([0, 2, 5.55, 9.99, 10, 30.25, 99.9, 122, 999, 1234].map(hours)).toEqual([
      0, 2, 5.5, 9.9, 10, 30, 99, 120, 990, 1200,
    ]);
  });

  test("a step never exceeds the time, and is within a tenth of it below 10 h and 10 % above", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        const stepHours = closeTimeStep(seconds) / 10;
        const hours = seconds / 3600;
        expect(stepHours).toBeLessThanOrEqual(hours);
        expect(hours - stepHours).toBeLessThanOrEqual(Math.max(0.1, hours * 0.1));
      }),
    );
  });

  test("whole seconds are counted from each instant cut to its second", () => {
    expect(wholeSecondsBetween(new Date("2026-01-01T00:00:00.900Z"), new Date("2026-01-01T02:00:00.100Z"))).toBe(7200);
  });

  test("nearest-rank percentiles of the steps", () => {
    const histogram = new Map([
      [20, 1],
      [55, 1],
    ]);
    expect(percentileHours(histogram, 0.5)).toBe(2);
    expect(percentileHours(histogram, 0.9)).toBe(5.5);
    expect(percentileHours(new Map(), 0.5)).toBe(0);
    // 1..10 h: the median is the 5th, the 90th percentile the 9th.
    const ten = new Map(Array.from({ length: 10 }, (_, i) => [(i + 1) * 10, 1] as [number, number]));
    expect(percentileHours(ten, 0.5)).toBe(5);
    expect(percentileHours(ten, 0.9)).toBe(9);
  });
});
