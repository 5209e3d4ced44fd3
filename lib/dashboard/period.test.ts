import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bucketBounds,
  bucketOf,
  bucketsOf,
  dayBounds,
  grainFor,
  monthBounds,
  monthsBetween,
  resolvePeriod,
  splitWholeMonths,
} from "@/lib/dashboard/period";

/** Any period of 1 to 731 days from 1990 on, resolved. */
const anyPeriod = fc
  .tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 731 }))
  .map(([offset, length]) => {
    const day = (n: number) => new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const from = day(offset);
    const to = day(offset + length - 1);
    const period = resolvePeriod({ from, to }, "2100-01-01");
    if ("reason" in period) throw new Error(period.reason);
    return { from, to, length, period };
  });

describe("the dashboard's period", () => {
  test("none given: the last 30 days with today", () => {
    expect(resolvePeriod({}, "2026-11-30")).toMatchObject({ from: "2026-11-01", to: "2026-11-30", grain: "day" });
  });

  test("only from: to today; only to: the 30 days ending then; a from after today: that day", () => {
    expect(resolvePeriod({ from: "2026-11-20" }, "2026-11-30")).toMatchObject({ from: "2026-11-20", to: "2026-11-30" });
    expect(resolvePeriod({ to: "2026-03-31" }, "2026-11-30")).toMatchObject({ from: "2026-03-02", to: "2026-03-31" });
    expect(resolvePeriod({ from: "2026-12-05" }, "2026-11-30")).toMatchObject({ from: "2026-12-05", to: "2026-12-05" });
  });

  test("at most 731 days; years outside 1970–9998 refused", () => {
    expect(resolvePeriod({ from: "2024-11-30", to: "2026-11-30" }, "2026-11-30")).toMatchObject({ grain: "month" });
    expect(resolvePeriod({ from: "2024-11-29", to: "2026-11-30" }, "2026-11-30")).toEqual({
      field: "from",
      reason: "PERIOD_TOO_LONG",
    });
    expect(resolvePeriod({ to: "9999-12-31" }, "2026-11-30")).toEqual({ field: "to", reason: "INVALID_DATE" });
  });

  test("grain: a day up to 62 days, a week up to 26 weeks, else a month", () => {
    expect([1, 62, 63, 182, 183, 731].map(grainFor)).toEqual(["day", "day", "week", "week", "month", "month"]);
  });

  test("buckets: the day, the Monday of its ISO week, the 1st of its month", () => {
    expect(bucketOf("2026-11-29", "week")).toBe("2026-11-23"); // a Sunday
    expect(bucketOf("2026-11-30", "week")).toBe("2026-11-30"); // a Monday
    expect(bucketOf("2026-02-28", "month")).toBe("2026-02-01");
    expect(bucketsOf(["2026-01-30", "2026-01-31", "2026-02-01"], "month")).toEqual(["2026-01-01", "2026-02-01"]);
  });

  test("every day of a period falls in a bucket that starts on or before it, within its grain", () => {
    fc.assert(
      fc.property(anyPeriod, ({ length, period }) => {
        expect(period.days).toHaveLength(length);
        const buckets = bucketsOf(period.days, period.grain);
        expect(new Set(buckets).size).toBe(buckets.length);
        for (const day of period.days) {
          const bucket = bucketOf(day, period.grain);
          expect(buckets).toContain(bucket);
          expect(bucket <= day).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  test("a day's bounds are its local midnights: 23 and 25 hours across a daylight-saving change", () => {
    const hours = (day: string) => {
      const [bounds] = dayBounds([day], "America/Los_Angeles");
      return (bounds.end.getTime() - bounds.start.getTime()) / 3_600_000;
    };
    const [spring, autumn] = [hours("2026-03-08"), hours("2026-11-01")];
    expect(spring).toBe(23);
    expect(autumn).toBe(25);
    const [shanghai] = dayBounds(["2026-06-11"], "Asia/Shanghai");
    expect(shanghai.start.toISOString()).toBe("2026-06-10T16:00:00.000Z");
  });

  test("a period's whole months and the days left at its ends", () => {
    expect(splitWholeMonths("2026-11-01", "2026-11-30")).toEqual({
      months: { first: "2026-11", last: "2026-11" },
      dayRanges: [],
    });
    expect(splitWholeMonths("2024-12-01", "2026-11-30")).toEqual({
      months: { first: "2024-12", last: "2026-11" },
      dayRanges: [],
    });
    expect(splitWholeMonths("2025-11-30", "2026-11-29")).toEqual({
      months: { first: "2025-12", last: "2026-10" },
      dayRanges: [
        { from: "2025-11-30", to: "2025-11-30" },
        { from: "2026-11-01", to: "2026-11-29" },
      ],
    });
    expect(splitWholeMonths("2024-02-01", "2024-02-29")).toMatchObject({
      months: { first: "2024-02", last: "2024-02" },
    });
    expect(splitWholeMonths("2026-11-02", "2026-12-30")).toEqual({
      months: null,
      dayRanges: [{ from: "2026-11-02", to: "2026-12-30" }],
    });
    expect(monthsBetween("2025-11-30", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  test("whole months and end days cover every day of any period once", () => {
    fc.assert(
      fc.property(anyPeriod, ({ from, to, period }) => {
        const { months, dayRanges } = splitWholeMonths(from, to);
        const covered: string[] = [];
        for (const range of dayRanges) covered.push(...period.days.filter((d) => d >= range.from && d <= range.to));
        if (months) {
          covered.push(...period.days.filter((d) => d.slice(0, 7) >= months.first && d.slice(0, 7) <= months.last));
        }
        expect(covered.sort()).toEqual(period.days);
      }),
      { numRuns: 200 },
    );
  });

  test("a month's bounds are its first local midnight and the next month's", () => {
    const [march] = monthBounds(["2026-03"], "America/Los_Angeles");
    expect(march.day).toBe("2026-03");
    expect(march.start.toISOString()).toBe("2026-03-01T08:00:00.000Z");
    expect(march.end.toISOString()).toBe("2026-04-01T07:00:00.000Z");
  });

  test("a bucket's bounds: its days inside the period, labelled by the bucket's first day", () => {
    const period = resolvePeriod({ from: "2026-01-15", to: "2026-03-10" }, "2026-11-30");
    if ("reason" in period) throw new Error(period.reason);
    const byDay = bucketBounds(period.days, "day", "Asia/Shanghai");
    expect(byDay).toEqual(dayBounds(period.days, "Asia/Shanghai"));
    const byMonth = bucketBounds(period.days, "month", "Asia/Shanghai");
    expect(byMonth.map((b) => [b.day, b.start.toISOString(), b.end.toISOString()])).toEqual([
      ["2026-01-01", "2026-01-14T16:00:00.000Z", "2026-01-31T16:00:00.000Z"],
      ["2026-02-01", "2026-01-31T16:00:00.000Z", "2026-02-28T16:00:00.000Z"],
      ["2026-03-01", "2026-02-28T16:00:00.000Z", "2026-03-10T16:00:00.000Z"],
    ]);
    const byWeek = bucketBounds(period.days, "week", "Asia/Shanghai");
    expect(byWeek[0]).toMatchObject({ day: "2026-01-12", start: new Date("2026-01-14T16:00:00.000Z") });
    expect(byWeek[1]).toMatchObject({ day: "2026-01-19", start: new Date("2026-01-18T16:00:00.000Z") });
    expect(byWeek.at(-1)?.end).toEqual(new Date("2026-03-10T16:00:00.000Z"));
  });
});
