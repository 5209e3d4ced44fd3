import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isSameOrigin, originHost, requestHost } from "@/lib/http/origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the same-origin check", () => {
  test("passes without an Origin, or with the request's own", () => {
    expect(isSameOrigin(headers({ host: "till.example" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "till.example", origin: "https://till.example" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "localhost:3200", origin: "http://localhost:3200" }))).toBe(true);
    expect(
      isSameOrigin(
        headers({ host: "internal:3000", "x-forwarded-host": "till.example", origin: "https://till.example" }),
      ),
    ).toBe(true);
  });

  test.each([
    "null",
    "::::",
    "http://",
    "https://",
    "not a url",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://evil.example",
    "http://till.example:81",
  ])("fails for Origin %j", (origin) => {
    expect(isSameOrigin(headers({ host: "till.example", origin }))).toBe(false);
  });

  test("fails when the request names no host", () => {
    expect(isSameOrigin(headers({ origin: "https://till.example" }))).toBe(false);
  });

  test("never throws, whatever the Origin and Host", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (origin, host) => {
        let values: Headers;
        try {
          values = headers({ origin, host });
        } catch {
          return; // Not a valid header value at all: no request can carry it.
        }
        expect(typeof isSameOrigin(values)).toBe("boolean");
      }),
    );
  });

  test("reads the first forwarded host and ignores case", () => {
    expect(requestHost(headers({ "x-forwarded-host": "A.example, b.example", host: "c" }))).toBe("a.example");
    expect(originHost("HTTPS://Till.Example")).toBe("till.example");
  });
});
