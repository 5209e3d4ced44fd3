import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { daysBetween, isFlagged, softwareStatus, todayIn } from "@/lib/admin/terminal-software";

const DAY_MS = 86_400_000;
const dayString = (offset: number) => new Date(Date.UTC(2020, 0, 1) + offset * DAY_MS).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: 6000 });
const threshold = fc.integer({ min: 1, max: 3650 });

describe("terminal software age", () => {
  test("outdated exactly when more than the threshold's days have passed since the update", () => {
    fc.assert(
      fc.property(day, day, threshold, (updated, today, maxAgeDays) => {
        const status = softwareStatus({ updatedOn: dayString(updated), today: dayString(today), maxAgeDays });
        expect(status).toBe(today - updated > maxAgeDays ? "outdated" : "current");
      }),
    );
  });

  test("the boundary: the threshold's last day is current, the day after is outdated", () => {
    fc.assert(
      fc.property(day, threshold, (updated, maxAgeDays) => {
        const updatedOn = dayString(updated);
        expect(softwareStatus({ updatedOn, maxAgeDays, today: dayString(updated + maxAgeDays) })).toBe("current");
        expect(softwareStatus({ updatedOn, maxAgeDays, today: dayString(updated + maxAgeDays + 1) })).toBe("outdated");
      }),
    );
  });

  test("raising the threshold never flags a terminal that was current", () => {
    fc.assert(
      fc.property(day, day, threshold, threshold, (updated, today, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (maxAgeDays: number) =>
          softwareStatus({ updatedOn: dayString(updated), today: dayString(today), maxAgeDays });
        if (at(low) === "current") expect(at(high)).toBe("current");
      }),
    );
  });

  test("no recorded update day is unknown, and flagged", () => {
    fc.assert(
      fc.property(day, threshold, (today, maxAgeDays) => {
        const status = softwareStatus({ updatedOn: null, today: dayString(today), maxAgeDays });
        expect(status).toBe("unknown");
        expect(isFlagged(status)).toBe(true);
      }),
    );
    expect(isFlagged("current")).toBe(false);
    expect(isFlagged("outdated")).toBe(true);
  });

  test("days are counted across month, year and leap-day ends", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-03-01", "2026-02-28")).toBe(-1);
  });

  test("today is the merchant's calendar day, not UTC's", () => {
    // 2026-11-30 17:30 UTC is already 1 December in Shanghai (UTC+8).
    expect(todayIn("Asia/Shanghai", new Date("2026-11-30T17:30:00Z"))).toBe("2026-12-01");
    expect(todayIn("UTC", new Date("2026-11-30T17:30:00Z"))).toBe("2026-11-30");
  });
});
