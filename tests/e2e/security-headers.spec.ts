// Every kind of response the production server gives — pages, the API, static files, the
// manifest and icons, 404s, errors, refusals — carries the security headers; the CSP nonce is
// fresh per request and is what lets the page's scripts run. The browser side (no CSP violation
// while using the app) is checked in every spec by the fixture in fixtures.ts.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The suite serves plain http: no HSTS (an https BETTER_AUTH_URL adds it; unit-tested).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function expectNoStore(response: APIResponse, what: string) {
  expect(response.headers()["cache-control"], `${what}: Cache-Control`).toContain("no-store");
}

test("pages, signed in or not, carry the headers and are never cached", async ({ apiAs, request }) => {
  const admin = await apiAs("admin");
  for (const path of ["/incidents", "/incidents/new", "/finance", "/admin"]) {
    const response = await admin.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response, path);
    expectNoStore(response, path);
  }
  const login = await request.get("/login");
  expectSecurityHeaders(login, "/login");
  expectNoStore(login, "/login");
  const redirect = await request.get("/incidents", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, "redirect to /login");
});

test("API answers — success, refusal, error, 404 — carry the headers and no-store", async ({ apiAs, request }) => {
  const cashier = await apiAs("cashier");
  const answers: [string, APIResponse][] = [
    ["GET /api/incidents", await cashier.get("/api/incidents")],
    ["GET /api/incidents anonymous", await request.get("/api/incidents")],
    ["GET unknown incident", await cashier.get("/api/incidents/no-such-incident")],
    ["POST bad body", await cashier.post("/api/incidents", { data: { kind: "nope" } })],
    [
      "POST cross-site",
      await cashier.post("/api/incidents", { data: {}, headers: { origin: "https://evil.example" } }),
    ],
    ["GET /api/health", await request.get("/api/health")],
    ["GET /api/openapi.json", await request.get("/api/openapi.json")],
    ["GET unknown API route", await request.get("/api/no-such-route")],
    ["GET malformed escape", await request.get("/api/incidents/%ZZ")],
  ];
  for (const [what, response] of answers) {
    expect(response.status(), what).toBeLessThan(500);
    expectSecurityHeaders(response, what);
    expectNoStore(response, what);
  }
});

test("static files, the manifest, icons and a 404 page carry the headers", async ({ request, page }) => {
  await page.goto("/login");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const stylesheet = await page.locator("link[rel=stylesheet]").first().getAttribute("href");
  expect(script).toBeTruthy();
  for (const path of [
    script,
    stylesheet,
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icon.svg",
    "/no-such-page",
  ]) {
    const response = await request.get(String(path));
    expect(response.status(), String(path)).toBeLessThan(500);
    expectSecurityHeaders(response, String(path));
  }
  const notFound = await request.get("/no-such-page");
  expect(notFound.status()).toBe(404);
  expectNoStore(notFound, "404 page");
});

test("the nonce is new on every request and is the one on the page's scripts", async ({ request }) => {
  const nonceOf = (response: APIResponse) =>
    /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const first = await request.get("/login");
  const second = await request.get("/login");
  const nonce = nonceOf(first);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second)).not.toBe(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script carries the request's nonce").toContain(`nonce="${nonce}"`);
});

test("every page loads and hydrates under the CSP without a violation", async ({ pageAs, page, cspViolations }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.goto("/no-such-page");
  const admin = await pageAs("admin");
  for (const path of ["/incidents", "/incidents/new", "/finance", "/admin"]) {
    await admin.goto(path);
    await admin.waitForLoadState("networkidle");
  }
  expect(cspViolations).toEqual([]);
});

test("a server action posted from another origin answers 403, not 500", async ({ request }) => {
  for (const origin of ["https://evil.example", "null", "::::"]) {
    const response = await request.post("/incidents/new", {
      headers: { "next-action": "0".repeat(42), origin, "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(response.status(), origin).toBe(403);
    expectSecurityHeaders(response, `server action from ${origin}`);
  }
});

test("the web manifest names the app and its icons are served", async ({ request, page }) => {
  await page.goto("/login");
  await expect(page.locator("link[rel=manifest]")).toHaveAttribute("href", "/manifest.webmanifest");
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest).toMatchObject({ name: "Slipcase", start_url: "/incidents", display: "standalone" });
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((icon) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512", "any"]));
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toContain(icon.type);
    if (icon.type === "image/png") {
      const bytes = await file.body();
      // A PNG's IHDR chunk holds its width and height, big-endian, at bytes 16 and 20.
      const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  }
});
