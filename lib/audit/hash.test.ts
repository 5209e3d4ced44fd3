import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type ChainedEventContent, canonicalJson, eventHash, GENESIS_HASH } from "@/lib/audit/hash";

const event: ChainedEventContent = {
  merchantId: "m1",
  seq: 7,
  incidentId: "i1",
  actorId: "u1",
  type: "step.completed",
  before: '{"status":"OPEN"}',
  after: '{"status":"IN_PROGRESS"}',
  createdAt: new Date("2026-03-01T08:00:00.123Z"),
};

describe("canonicalJson", () => {
  test("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  test("writes dates as ISO strings", () => {
    expect(canonicalJson({ at: new Date("2026-03-01T08:00:00Z") })).toBe('{"at":"2026-03-01T08:00:00.000Z"}');
  });

  test("is the same whatever order the keys were written in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("eventHash", () => {
  test("is a SHA-256 hex digest, the same for the same input", () => {
    expect(eventHash(GENESIS_HASH, event)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, event)).toBe(eventHash(GENESIS_HASH, { ...event }));
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  test("does not depend on the order of the event's keys", () => {
    const reordered = Object.fromEntries(Object.entries(event).reverse()) as unknown as ChainedEventContent;
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, event));
  });

  test("changes with the previous hash", () => {
    expect(eventHash("1".repeat(64), event)).not.toBe(eventHash(GENESIS_HASH, event));
  });

  test.each<[keyof ChainedEventContent, unknown]>([
    ["merchantId", "m2"],
    ["seq", 8],
    ["incidentId", null],
    ["actorId", "u2"],
    ["type", "step.skipped"],
    ["before", null],
    ["after", '{"status":"CLOSED"}'],
    ["createdAt", new Date("2026-03-01T08:00:00.124Z")],
  ])("changes when %s changes", (field, value) => {
    expect(eventHash(GENESIS_HASH, { ...event, [field]: value })).not.toBe(eventHash(GENESIS_HASH, event));
  });

  test("any edit to the after text changes the hash", () => {
    fc.assert(
      fc.property(fc.string(), (after) => {
        fc.pre(after !== event.after);
        expect(eventHash(GENESIS_HASH, { ...event, after })).not.toBe(eventHash(GENESIS_HASH, event));
      }),
    );
  });
});
