import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  IP_ADDRESS_MAX_LENGTH,
  sessionIpAddress,
  sessionUserAgent,
  USER_AGENT_MAX_LENGTH,
} from "@/lib/auth/session-client-info";
import { containsPan } from "@/lib/card-data/mask-pan";
import { pan } from "@/tests/helpers/card-numbers";

describe("sessionUserAgent", () => {
  test("never keeps a card number and never exceeds the cap, wherever the number sits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), pan, fc.string({ maxLength: 700 }), (before, number, after) => {
        const stored = sessionUserAgent(`${before} ${number} ${after}`) ?? "";
        expect(containsPan(stored)).toBe(false);
        expect(stored.length).toBeLessThanOrEqual(USER_AGENT_MAX_LENGTH);
      }),
    );
  });

  test("keeps an ordinary User-Agent as it is; none stays none", () => {
    const chrome =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    expect(sessionUserAgent(chrome)).toBe(chrome);
    expect(sessionUserAgent("")).toBeNull();
    expect(sessionUserAgent(undefined)).toBeNull();
  });
});

describe("sessionIpAddress", () => {
  test("is capped", () => {
    expect(sessionIpAddress("1".repeat(500))?.length).toBe(IP_ADDRESS_MAX_LENGTH);
    expect(sessionIpAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(sessionIpAddress(null)).toBeNull();
  });
});
