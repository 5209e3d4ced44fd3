import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { newIdempotencyKey, parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { containsPan } from "@/lib/card-data/mask-pan";
import { isAppError } from "@/lib/errors/app-error";
import { pan } from "@/tests/helpers/card-numbers";

function refusal(value: unknown) {
  try {
    parseIdempotencyKey(value);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
}

describe("parseIdempotencyKey", () => {
  test("no key is no key", () => {
    expect(parseIdempotencyKey(null)).toBeNull();
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  test("keeps the keys clients send today", () => {
    for (const key of ["till-3-retry-1", "a1b2c3", "550e8400-e29b-41d4-a716-446655440000", "k:1.2_3"]) {
      expect(parseIdempotencyKey(key)).toBe(key);
    }
  });

  test("refuses a card number beside a UUID", () => {
    const card = `4111${"1111".repeat(3)}`;
    const uuid = "550e8400-e29b-41d4-a716-446655440000";
    expect(refusal(`${card}-${uuid}`).fields).toHaveProperty(["Idempotency-Key"]);
    expect(refusal(`${uuid}-${card}`).fields).toHaveProperty(["Idempotency-Key"]);
  });

  test("refuses a key that is, or holds, a card number, written any way the key's characters allow", () => {
    const written = pan.chain((number) =>
      fc
        .tuple(
          fc.array(fc.constantFrom("", "", "-", ".", "-"), { minLength: number.length, maxLength: number.length }),
          fc.constantFrom("", "card-", "till:7:", "retry_"),
          fc.constantFrom("", "-1", ".a"),
        )
        .map(([separators, prefix, suffix]) => {
          const body = [...number].map((digit, i) => (i === 0 ? digit : separators[i] + digit)).join("");
          return `${prefix}${body}${suffix}`;
        }),
    );
    fc.assert(
      fc.property(written, (key) => {
        const error = refusal(key);
        expect(error.code).toBe("BAD_REQUEST");
        expect(error.fields).toHaveProperty(["Idempotency-Key"]);
        expect(error.message).not.toContain(key);
      }),
    );
  });

  test("refuses what is not a key, naming the header", () => {
    for (const value of ["", "no spaces allowed", "x".repeat(129), "ключ", 42, {}]) {
      expect(refusal(value).fields).toHaveProperty(["Idempotency-Key"]);
    }
  });
});

describe("random keys", () => {
  test("every UUID is accepted, also the ones whose hex digits happen to pass Luhn", () => {
    // One such UUID: 16 digits across the last dash pass Luhn by chance.
    const chance = `41d4a716-0000-4000-8459-${"446655440000"}`;
    expect(containsPan(chance)).toBe(true);
    expect(parseIdempotencyKey(chance)).toBe(chance);
    fc.assert(fc.property(fc.uuid(), (uuid) => parseIdempotencyKey(uuid) === uuid));
    fc.assert(fc.property(fc.uuid(), (uuid) => parseIdempotencyKey(`retry-${uuid}-2`) === `retry-${uuid}-2`));
    const keys = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const key = newIdempotencyKey();
      expect(parseIdempotencyKey(key)).toBe(key);
      keys.add(key);
    }
    expect(keys.size).toBe(20_000);
  });
});
