// End-to-end tests in Debian's Chromium against a production build of the app: two instances on
// their own ports over one fresh database each run — SQLite by default, PostgreSQL when
// E2E_DATABASE_URL names an empty database (see tests/e2e/instances.ts and web-server.mjs).
import crypto from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, INSTANCE_A, INSTANCE_B, SIGN_IN_MAX_FAILURES } from "./tests/e2e/instances";

/** Every instance signs and reads the same session cookies, so they share one secret. */
const AUTH_SECRET = process.env.BETTER_AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url");
// The test workers inherit it too: a spec that runs a script against the servers' database (e.g.
// audit:verify, whose checkpoint key is derived from it when AUDIT_CHECKPOINT_KEY is unset) holds
// the same key as the servers.
process.env.BETTER_AUTH_SECRET = AUTH_SECRET;

function serverEnv(instance: { port: number; url: string }): Record<string, string> {
  return {
    DATABASE_URL: E2E_DATABASE_URL,
    NEXT_DIST_DIR: ".next-e2e",
    PORT: String(instance.port),
    BETTER_AUTH_URL: instance.url,
    BETTER_AUTH_SECRET: AUTH_SECRET,
    SIGN_IN_MAX_FAILURES: String(SIGN_IN_MAX_FAILURES),
    NEXT_TELEMETRY_DISABLED: "1",
    // The deadline job every 3 s (15 s by default), so a spec sees a passed deadline escalated soon.
    DEADLINE_SWEEP_MS: "3000",
    // Issue 10: the alert webhook spec's receiver listens on 127.0.0.1 (a private address the
    // servers would otherwise refuse to send to; the refusal is the integration tests').
    WEBHOOK_ALLOW_PRIVATE: "1",
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  // Specs share one seeded database, but each creates its own incidents, so files run in
  // parallel on the two cores; tests inside a file run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  // A journey across several roles and pages takes 25–50 s on this 2-core machine when it is
  // loaded (CI, 2026-12-01: webhooks 47 s, the incident journey 53 s); one took over 60 s and
  // failed on time alone, every step of it passing. The ceiling is for a hang, not a pace.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: INSTANCE_A.url,
    locale: "en-GB",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // Without the background-networking flags Chromium floods the closed network.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  // Two instances over one database, as behind a load balancer: the specs talk to A; the
  // two-instance spec sends the same requests to both at once. Playwright starts them in order.
  webServer: [
    {
      command: "node tests/e2e/web-server.mjs",
      url: `${INSTANCE_A.url}/api/health`,
      // migrate + seed + `next build` on two cores takes one to three minutes.
      timeout: 300_000,
      reuseExistingServer: false,
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: serverEnv(INSTANCE_A),
    },
    {
      command: "node tests/e2e/web-server.mjs --second",
      url: `${INSTANCE_B.url}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: { ...serverEnv(INSTANCE_B), PRIMARY_URL: INSTANCE_A.url },
    },
  ],
});
