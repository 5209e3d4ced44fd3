// The dashboard's addresses: the query read back from what a form or a link sends, the presets,
// and the links written from a view.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addDays,
  dashboardCsvHref,
  dashboardQueryInput,
  localToday,
  matchingPreset,
  presetPeriod,
} from "@/lib/dashboard/dashboard-links";
import { dashboardQuerySchema } from "@/lib/schemas/dashboard";

describe("dashboardQueryInput", () => {
  test("one store is a string, several a list, other parameters left out", () => {
    expect(dashboardQueryInput(new URLSearchParams("from=2026-11-01&storeId=a&table=money&x=1"))).toEqual({
      from: "2026-11-01",
      storeId: "a",
    });
    expect(dashboardQueryInput({ to: "2026-11-30", storeId: ["a", "b"], from: undefined })).toEqual({
      to: "2026-11-30",
      storeId: ["a", "b"],
    });
  });

  test("kept unknown parameters reach the schema, which names them", () => {
    const input = dashboardQueryInput(new URLSearchParams("from=2026-11-01&table=money&bogus=1"), {
      keepUnknown: true,
      skip: ["table"],
    });
    expect(input).toEqual({ from: "2026-11-01", bogus: "1" });
    const parsed = dashboardQuerySchema.safeParse(input);
    expect(parsed.success).toBe(false);
  });

  test("a form's blank fields and ticked stores parse to the query", () => {
    const parsed = dashboardQuerySchema.parse(
      dashboardQueryInput(new URLSearchParams("from=&to=2026-11-30&storeId=s1&storeId=s2")),
    );
    expect(parsed).toEqual({ to: "2026-11-30", storeId: ["s1", "s2"] });
  });

  test("a link written from a view reads back as the same view", () => {
    const storeIds = fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
        storeIds,
        (date, ids) => {
          const from = date.toISOString().slice(0, 10);
          const to = addDays(from, 6);
          const href = dashboardCsvHref("money", { from, to, storeIds: ids });
          const search = new URL(href, "http://localhost").searchParams;
          expect(search.get("table")).toBe("money");
          const query = dashboardQuerySchema.parse(dashboardQueryInput(search));
          expect(query.from).toBe(from);
          expect(query.to).toBe(to);
          expect(query.storeId ?? []).toEqual(ids);
        },
      ),
    );
  });
});

describe("periods", () => {
  test("presets end today and count today", () => {
    expect(presetPeriod(7, "2026-03-02")).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(presetPeriod(30, "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(matchingPreset({ from: "2026-11-01", to: "2026-11-30" }, "2026-11-30")).toBe(30);
    expect(matchingPreset({ from: "2026-11-02", to: "2026-11-30" }, "2026-11-30")).toBeNull();
  });

  test("today is the merchant's: 23:30 UTC is already tomorrow in Shanghai", () => {
    const now = new Date("2026-11-30T23:30:00Z");
    expect(localToday("Asia/Shanghai", now)).toBe("2026-12-01");
    expect(localToday("UTC", now)).toBe("2026-11-30");
  });

  test("addDays crosses months, years and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});
