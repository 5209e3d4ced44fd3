import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  hasNulInQuery,
  isMalformedPath,
  isPublicAsset,
  securityHeaders,
} from "@/lib/http/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe("the Content-Security-Policy", () => {
  const policy = directives(contentSecurityPolicy({ nonce: "abc123==", https: false }));

  test("lets scripts run only by nonce, never inline or by eval", () => {
    const scripts = policy.get("script-src") ?? [];
    expect(scripts).toContain("'nonce-abc123=='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  test("embeds nothing, has no base, is never framed, and posts forms only to itself", () => {
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("manifest-src")).toEqual(["'self'"]);
  });

  test("upgrades insecure requests only under https", () => {
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(contentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  test("allows eval only in development", () => {
    const development = directives(contentSecurityPolicy({ nonce: "n", https: false, development: true }));
    expect(development.get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("the security headers", () => {
  test("carry nosniff, a referrer policy, a permissions policy and DENY framing", () => {
    const headers = securityHeaders({ nonce: "n", https: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    for (const feature of ["camera", "microphone", "geolocation", "payment"]) {
      expect(headers["Permissions-Policy"]).toContain(`${feature}=()`);
    }
  });

  test("send HSTS only when the public URL is https", () => {
    expect(securityHeaders({ nonce: "n", https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });
});

test("a nonce is fresh each time and carries 128 bits", () => {
  const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
  expect(nonces.size).toBe(1_000);
  for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
});

describe("paths", () => {
  test.each(["/incidents/%ZZ", "/api/incidents/%", "/api/incidents/%E0%A4%A", "/api/incidents/%ED%A0%80", "/a/%00"])(
    "%s is malformed",
    (path) => {
      expect(isMalformedPath(path)).toBe(true);
    },
  );

  test.each(["/", "/incidents", "/incidents/cm123", "/api/incidents/a%2Fb", "/%E4%B8%AD", "/a%20b"])(
    "%s is well formed",
    (path) => {
      expect(isMalformedPath(path)).toBe(false);
    },
  );

  test("every path built from encoded text is well formed, and never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (segments) => {
        const clean = segments.map((segment) => encodeURIComponent(segment.replaceAll("\u0000", "")));
        expect(isMalformedPath(`/${clean.join("/")}`)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (anything) => {
        expect(typeof isMalformedPath(anything)).toBe("boolean");
      }),
    );
  });

  test("a NUL in the query is found in any case", () => {
    expect(hasNulInQuery("?q=%00")).toBe(true);
    expect(hasNulInQuery("?q=a%00b")).toBe(true);
    expect(hasNulInQuery("?q=%2500")).toBe(false);
    expect(hasNulInQuery("?q=100")).toBe(false);
  });

  test("only build output, the manifest and icons are public assets", () => {
    expect(isPublicAsset("/_next/static/chunks/a.js")).toBe(true);
    expect(isPublicAsset("/manifest.webmanifest")).toBe(true);
    expect(isPublicAsset("/icons/icon-192.png")).toBe(true);
    expect(isPublicAsset("/api/incidents")).toBe(false);
    expect(isPublicAsset("/incidents")).toBe(false);
    expect(isPublicAsset("/_next/data/x.json")).toBe(false);
  });
});
