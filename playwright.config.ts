// End-to-end tests in Debian's Chromium against a production build of the app, served on its own
// port with a fresh database each run (see tests/e2e/web-server.mjs).
import crypto from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

/** Away from `npm start` (3000) and the dev server (3100). */
const PORT = Number(process.env.E2E_PORT ?? 3200);
const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Specs share one seeded database, but each creates its own incidents, so files run in
  // parallel on the two cores; tests inside a file run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
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
  webServer: {
    command: "node tests/e2e/web-server.mjs",
    url: `${BASE_URL}/api/health`,
    // migrate + seed + `next build` on two cores takes one to three minutes.
    timeout: 300_000,
    reuseExistingServer: false,
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      DATABASE_URL: "file:./data/e2e.db",
      NEXT_DIST_DIR: ".next-e2e",
      PORT: String(PORT),
      BETTER_AUTH_URL: BASE_URL,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
