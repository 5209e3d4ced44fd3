import { describe, expect, test } from "vitest";
import { leftOutDaysOf, publishedAtOf } from "@/lib/reconciliation/imports/withdrawal";

describe("leftOutDaysOf", () => {
  test("no line left out: no day", () => {
    expect(leftOutDaysOf({})).toEqual([]);
    expect(leftOutDaysOf({ alreadyImported: 0, alreadyImportedDays: ["2026-11-02"] })).toEqual([]);
  });

  test("lines left out: the days the report lists", () => {
    expect(leftOutDaysOf({ alreadyImported: 3, alreadyImportedDays: ["2026-11-02", "2026-11-03"] })).toEqual([
      "2026-11-02",
      "2026-11-03",
    ]);
  });

  test("lines left out by a report without the list (or a broken one): any day", () => {
    expect(leftOutDaysOf({ alreadyImported: 3 })).toBeNull();
    expect(leftOutDaysOf({ alreadyImported: 3, alreadyImportedDays: "2026-11-02" })).toBeNull();
  });
});

describe("publishedAtOf", () => {
  const createdAt = new Date("2026-11-01T00:00:00Z");
  const finishedAt = new Date("2026-11-01T00:05:00Z");

  test("the publish time the report keeps, else the end, else the creation", () => {
    const report = JSON.stringify({ publishedAt: "2026-11-01T00:04:00.000Z" });
    expect(publishedAtOf({ report, finishedAt, createdAt })).toEqual(new Date("2026-11-01T00:04:00Z"));
    expect(publishedAtOf({ report: "{}", finishedAt, createdAt })).toEqual(finishedAt);
    expect(publishedAtOf({ report: null, finishedAt: null, createdAt })).toEqual(createdAt);
  });
});
