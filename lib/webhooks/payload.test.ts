import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { containsPan } from "@/lib/card-data/mask-pan";
import { buildWebhookPayload, newWebhookMessageId } from "@/lib/webhooks/payload";

const at = new Date("2026-12-01T08:00:00.000Z");

describe("webhook payload", () => {
  test("is { type, timestamp, data } with the data as given", () => {
    const body = buildWebhookPayload(
      { type: "alert.raised", data: { id: "a1", count: 3, open: true, note: null } },
      at,
    );
    expect(JSON.parse(body)).toEqual({
      type: "alert.raised",
      timestamp: "2026-12-01T08:00:00.000Z",
      data: { id: "a1", count: 3, open: true, note: null },
    });
  });

  test("never carries more of a card number than its last four, in text, numbers, keys or nested", () => {
    const body = buildWebhookPayload(
      {
        type: "alert.raised",
        data: {
          evidence: [{ card: "4111 1111 1111 1111", pan: 4111111111111111, note: "card 5555-5555-5555-4444 declined" }],
          "4012888888881881": "key",
          masked: "411111******1111",
        },
      },
      at,
    );
    expect(containsPan(body)).toBe(false);
    for (const digits of ["4111111111111111", "4111 1111 1111 1111", "5555-5555-5555-4444", "4012888888881881"]) {
      expect(body).not.toContain(digits);
    }
    const data = JSON.parse(body).data;
    expect(data.evidence[0].card).toMatch(/1111$/);
    expect(data.masked).toBe("411111******1111");
  });

  test("any data: valid JSON, no card number left, same bytes each time it is built", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (data) => {
        const body = buildWebhookPayload({ type: "alert.raised", data }, at);
        expect(() => JSON.parse(body)).not.toThrow();
        expect(containsPan(body)).toBe(false);
        expect(buildWebhookPayload({ type: "alert.raised", data }, at)).toBe(body);
      }),
    );
  });

  test("message ids are msg_ and unique", () => {
    const ids = new Set(Array.from({ length: 1000 }, newWebhookMessageId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
  });
});
