// The charts' geometry: round axes that hold the data, stacked segments that add up to their
// column and stay inside the plot, labels that fit, buckets labelled on the right day.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  barFraction,
  bucketAxisLabel,
  bucketLongLabel,
  labelEvery,
  niceScale,
  stackedColumns,
} from "@/lib/dashboard/chart-geometry";

const AREA = { width: 480, height: 240, left: 36, right: 8, top: 8, bottom: 28 };

describe("niceScale", () => {
  test("rounds up to 1, 2 or 5 × 10ⁿ steps", () => {
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(100)).toEqual({ max: 100, ticks: [0, 50, 100] });
    expect(niceScale(101)).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(niceScale(1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(0.37, { integer: false })).toEqual({ max: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
  });

  test("nothing to show still gets an axis", () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });

  test("the axis holds the largest value, in evenly spaced whole steps, never more than twice as tall", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (max) => {
        const scale = niceScale(max);
        expect(scale.max).toBeGreaterThanOrEqual(max);
        expect(scale.ticks[0]).toBe(0);
        expect(scale.ticks.at(-1)).toBe(scale.max);
        const step = scale.ticks[1] - scale.ticks[0];
        expect(Number.isInteger(step)).toBe(true);
        for (let index = 1; index < scale.ticks.length; index++) {
          expect(scale.ticks[index] - scale.ticks[index - 1]).toBe(step);
        }
        expect(scale.ticks.length).toBeLessThanOrEqual(11);
        expect(scale.max).toBeLessThanOrEqual(Math.max(2 * max, max + step));
      }),
    );
  });
});

describe("stackedColumns", () => {
  test("a column's segments sit on each other, bottom up in key order, zeros left out", () => {
    const chart = stackedColumns(
      [
        { a: 2, b: 0, c: 6 },
        { a: 0, b: 0, c: 0 },
      ],
      ["a", "b", "c"],
      AREA,
    );
    expect(chart.scale.max).toBe(8);
    const [first, empty] = chart.columns;
    expect(first.total).toBe(8);
    expect(first.segments.map((segment) => segment.key)).toEqual(["a", "c"]);
    const bottom = AREA.height - AREA.bottom;
    const plotHeight = bottom - AREA.top;
    expect(first.segments[0].y + first.segments[0].height).toBeCloseTo(bottom);
    expect(first.segments[0].height).toBeCloseTo(plotHeight / 4);
    expect(first.segments[1].y + first.segments[1].height).toBeCloseTo(first.segments[0].y);
    expect(first.segments[1].y).toBeCloseTo(AREA.top);
    expect(empty.segments).toEqual([]);
    expect(chart.yOf(0)).toBeCloseTo(bottom);
    expect(chart.yOf(8)).toBeCloseTo(AREA.top);
  });

  test("whatever the counts, every segment is inside the plot and a column's height is its total on the scale", () => {
    const keys = ["a", "b", "c"] as const;
    const bucket = fc.record({ a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) });
    fc.assert(
      fc.property(fc.array(bucket, { minLength: 1, maxLength: 120 }), (buckets) => {
        const chart = stackedColumns(buckets, keys, AREA);
        const { plot } = chart;
        let previousRight = -Infinity;
        for (const column of chart.columns) {
          expect(column.x).toBeGreaterThanOrEqual(plot.left - 1e-9);
          expect(column.x + column.width).toBeLessThanOrEqual(plot.right + 1e-9);
          expect(column.x).toBeGreaterThanOrEqual(previousRight - 1e-9);
          previousRight = column.x + column.width;
          const stacked = column.segments.reduce((sum, segment) => sum + segment.height, 0);
          expect(stacked).toBeCloseTo(((plot.bottom - plot.top) * column.total) / chart.scale.max, 6);
          for (const segment of column.segments) {
            expect(segment.y).toBeGreaterThanOrEqual(plot.top - 1e-6);
            expect(segment.y + segment.height).toBeLessThanOrEqual(plot.bottom + 1e-6);
            expect(segment.value).toBeGreaterThan(0);
          }
        }
      }),
    );
  });
});

describe("labels", () => {
  test("labelEvery writes at most the labels that fit", () => {
    expect(labelEvery(7, 8)).toBe(1);
    expect(labelEvery(30, 8)).toBe(4);
    expect(labelEvery(62, 8)).toBe(8);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 30 }), (count, maxLabels) => {
        const every = labelEvery(count, maxLabels);
        expect(every).toBeGreaterThanOrEqual(1);
        expect(Math.ceil(count / every)).toBeLessThanOrEqual(maxLabels);
      }),
    );
  });

  test("a bucket is labelled by its own day in every time zone", () => {
    expect(bucketAxisLabel("2026-11-30", "day", "en")).toBe("11/30");
    expect(bucketAxisLabel("2026-11-30", "day", "zh-CN")).toBe("11/30");
    expect(bucketAxisLabel("2026-11-01", "month", "en")).toBe("11/2026");
    expect(bucketAxisLabel("2026-11-01", "month", "zh-CN")).toBe("2026/11");
    expect(bucketLongLabel("2026-11-23", "week", "en")).toEqual({ date: "Nov 23, 2026", week: true });
    expect(bucketLongLabel("2026-11-01", "month", "zh-CN")).toEqual({ date: "2026年11月", week: false });
  });

  test("a bar is a share of the largest, never more, nothing for nothing", () => {
    expect(barFraction(5, 10)).toBe(0.5);
    expect(barFraction(20, 10)).toBe(1);
    expect(barFraction(null, 10)).toBe(0);
    expect(barFraction(3, 0)).toBe(0);
  });
});
