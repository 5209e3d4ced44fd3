import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sizeLimitText } from "@/lib/reconciliation/imports/size-limit-text";

describe("the upload limit in words", () => {
  test.each([
    [200 * 1024 * 1024, "200 MB"],
    [1024 * 1024, "1 MB"],
    [2_000_000, "1.9 MB"],
    [1024 * 1024 + 1, "1 MB"],
    [1.5 * 1024 * 1024, "1.5 MB"],
    [500_000, "488 KB"],
    [1024, "1 KB"],
    [1000, "1000 B"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(sizeLimitText(bytes)).toBe(text);
  });

  test("property: never 0 for a limit of a byte or more, never more than the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (bytes) => {
        const [amount, unit] = sizeLimitText(bytes).split(" ");
        const scale = { MB: 1024 * 1024, KB: 1024, B: 1 }[unit as "MB" | "KB" | "B"];
        expect(Number(amount)).toBeGreaterThan(0);
        expect(Number(amount) * scale).toBeLessThanOrEqual(bytes);
      }),
    );
  });
});
