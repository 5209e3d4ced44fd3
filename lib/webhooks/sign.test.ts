import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, test } from "vitest";
import { newWebhookSecret, signWebhook, webhookHeaders } from "@/lib/webhooks/sign";

// The reference vector of the Standard Webhooks specification (and of its libraries' tests).
const reference = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("webhook signing (Standard Webhooks)", () => {
  test("signs the specification's reference vector to its published signature", () => {
    expect(signWebhook(reference)).toBe(reference.signature);
  });

  test("the standardwebhooks library verifies our headers for any body and secret", () => {
    fc.assert(
      fc.property(fc.json(), fc.uint8Array({ minLength: 16, maxLength: 64 }), (body, key) => {
        const secret = `whsec_${Buffer.from(key).toString("base64")}`;
        const at = new Date();
        const headers = webhookHeaders({ secret, id: "msg_abc", at, body });
        expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
        expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("msg_abc", at, body));
      }),
      { numRuns: 50 },
    );
  });

  test("a changed body, id, timestamp or secret no longer verifies", () => {
    const secret = newWebhookSecret();
    const at = new Date();
    const headers = webhookHeaders({ secret, id: "msg_1", at, body: '{"a":1}' });
    const verifier = new Webhook(secret);
    expect(() => verifier.verify('{"a":2}', headers)).toThrow();
    expect(() => verifier.verify('{"a":1}', { ...headers, "webhook-id": "msg_2" })).toThrow();
    expect(() =>
      verifier.verify('{"a":1}', { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) - 1) }),
    ).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });

  test("a new secret is whsec_ and 24 random bytes, different each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
