import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cardParts, slipFieldsOf, wallClockToInstant } from "@/lib/reconciliation/exceptions/line-to-incident";

describe("a line's wall clock as an instant", () => {
  test("is read in the zone given: Asia/Shanghai (UTC+8)", () => {
    expect(wallClockToInstant("2026-11-20 14:03:22", "Asia/Shanghai")?.toISOString()).toBe("2026-11-20T06:03:22.000Z");
    expect(wallClockToInstant("2026-11-20", "Asia/Shanghai")?.toISOString()).toBe("2026-11-19T16:00:00.000Z");
  });

  test("follows a zone with daylight saving, on either side of the change", () => {
    expect(wallClockToInstant("2026-07-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(wallClockToInstant("2026-01-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe("2026-01-01T11:00:00.000Z");
  });

  test("refuses what is no time", () => {
    for (const text of ["", "2026-02-30 10:00:00", "2026-11-20 25:00:00", "20261120 140322", "yesterday"]) {
      expect(wallClockToInstant(text, "Asia/Shanghai"), text).toBeNull();
    }
  });

  test("round-trips any second of the years files cover", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const instant = new Date(Math.floor(ms / 1000) * 1000);
        const shanghai = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
        const local = `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)}`;
        expect(wallClockToInstant(local, "Asia/Shanghai")?.getTime()).toBe(instant.getTime());
      }),
    );
  });
});

describe("the slip fields of a line", () => {
  test("take BIN and last 4 from a masked card, never more", () => {
    expect(cardParts("622202******0128")).toEqual({ cardBin: "622202", cardLast4: "0128" });
    expect(cardParts("****0128")).toEqual({ cardBin: null, cardLast4: "0128" });
    expect(cardParts(null)).toEqual({ cardBin: null, cardLast4: null });
  });

  test("upper-case the auth code and drop identifiers no slip could carry", () => {
    expect(
      slipFieldsOf({
        cardMasked: null,
        rrn: "531000777123",
        authCode: "a1b2c3",
        traceNo: "000123",
        batchNo: "bad batch",
      }),
    ).toMatchObject({ rrn: "531000777123", authCode: "A1B2C3", traceNo: "000123", batchNo: null });
  });
});
