import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { retryDelayMs, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/backoff";

describe("webhook retry backoff", () => {
  test("30 s, 2 min, 10 min, 1 h, then 6 h with the default base, and no retry after the eighth attempt", () => {
    const base = 30_000;
    const delays = Array.from({ length: 9 }, (_, index) => retryDelayMs(index + 1, base));
    expect(delays).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 21_600_000, 21_600_000, null, null]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(8);
  });

  test("never shrinks from one attempt to the next, scales with the base, and stops at the maximum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: -5, max: 20 }), (base, attempts) => {
        const delay = retryDelayMs(attempts, base);
        if (attempts < 1 || attempts >= WEBHOOK_MAX_ATTEMPTS) {
          expect(delay).toBeNull();
          return;
        }
        expect(delay).toBeGreaterThanOrEqual(base);
        expect(delay).toBe((retryDelayMs(attempts, 1) as number) * base);
        const next = retryDelayMs(attempts + 1, base);
        if (next !== null) expect(next).toBeGreaterThanOrEqual(delay as number);
      }),
    );
  });
});
