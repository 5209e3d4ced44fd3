import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Counter,
  type CounterKind,
  currentFailures,
  type Decision,
  decideAttempt,
  delaySeconds,
  throttleRules,
} from "@/lib/auth/throttle-policy";

const rules = throttleRules({ maxFailures: 5, maxDelaySeconds: 300 });
const t0 = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

type Counters = { pair: Counter | null; address: Counter | null | undefined; account: Counter | null };

/** Applies an allowed decision's updates, as lib/auth/throttle.ts stores them. */
function apply(counters: Counters, decision: Decision): Counters {
  if (!decision.allowed) return counters;
  const next = { ...counters };
  for (const kind of ["pair", "address", "account"] as CounterKind[]) {
    const update = decision.updates[kind];
    if (update) next[kind] = update;
  }
  return next;
}

describe("delaySeconds", () => {
  test("no wait within the allowance, then 5 s doubling, never beyond the cap", () => {
    expect([4, 5, 6, 7, 8, 20].map((failures) => delaySeconds(failures, rules.pair))).toEqual([0, 5, 10, 20, 40, 300]);
    fc.assert(
      fc.property(fc.nat(10_000), (failures) => {
        const delay = delaySeconds(failures, rules.pair);
        expect(delay).toBeLessThanOrEqual(300);
        expect(delaySeconds(failures + 1, rules.pair)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});

describe("decideAttempt", () => {
  test("attempts arriving at the same instant: no more than the allowance gets through", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.boolean(), (attempts, addressKnown) => {
        let counters: Counters = { pair: null, address: addressKnown ? null : undefined, account: null };
        let allowed = 0;
        for (let attempt = 0; attempt < attempts; attempt++) {
          const decision = decideAttempt({ counters, rules, now: t0 });
          if (decision.allowed) allowed++;
          else expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          counters = apply(counters, decision);
        }
        expect(allowed).toBe(Math.min(attempts, rules.pair.free));
      }),
    );
  });

  test("a refused attempt changes nothing and says how long to wait", () => {
    const counters: Counters = {
      pair: { failures: 6, nextAllowedAt: at(10), lastFailureAt: t0 },
      address: null,
      account: null,
    };
    expect(decideAttempt({ counters, rules, now: at(3) })).toEqual({ allowed: false, retryAfterSeconds: 7 });
    expect(decideAttempt({ counters, rules, now: at(10) }).allowed).toBe(true);
  });

  test("failures on the account from elsewhere do not hold back an address that has not been failing", () => {
    const account: Counter = { failures: 40, nextAllowedAt: at(30), lastFailureAt: t0 };
    const clean = decideAttempt({ counters: { pair: null, address: null, account }, rules, now: t0 });
    expect(clean.allowed).toBe(true);
    const failing = decideAttempt({
      counters: { pair: { failures: 1, nextAllowedAt: null, lastFailureAt: t0 }, address: null, account },
      rules,
      now: t0,
    });
    expect(failing).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  test("the account-wide wait stays short, so the real user never waits long for it", () => {
    fc.assert(
      fc.property(fc.nat(1000), (failures) => {
        expect(delaySeconds(failures, rules.account)).toBeLessThanOrEqual(30);
      }),
    );
  });

  test("failures leak away over quiet time", () => {
    const counter: Counter = { failures: 5, nextAllowedAt: null, lastFailureAt: t0 };
    expect(currentFailures(counter, rules.pair, at(0))).toBe(5);
    expect(currentFailures(counter, rules.pair, at(15 * 60))).toBe(4);
    expect(currentFailures(counter, rules.pair, at(5 * 15 * 60))).toBe(0);
    // A clock behind the stored time (another instance's) forgets nothing.
    expect(currentFailures(counter, rules.pair, at(-60))).toBe(5);
  });

  test("an attempt let through is counted at once, with the wait its count brings", () => {
    const decision = decideAttempt({
      counters: { pair: { failures: 4, nextAllowedAt: null, lastFailureAt: t0 }, address: undefined, account: null },
      rules,
      now: t0,
    });
    expect(decision).toEqual({
      allowed: true,
      updates: {
        pair: { failures: 5, nextAllowedAt: at(5), lastFailureAt: t0 },
        address: null,
        account: { failures: 1, nextAllowedAt: null, lastFailureAt: t0 },
      },
    });
  });
});
