// Once per test run: a migrated, seeded base database that every test file copies.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BASE_DB_ENV = "SLIPCASE_TEST_BASE_DB";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-test-"));
  const base = path.join(dir, "base.db");
  const env = { ...process.env, DATABASE_URL: `file:${base}`, SEED_DEMO: "1", DEMO_PASSWORD: "slipcase-demo-2026" };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/seed.ts"], { env, stdio: "pipe" });
  process.env[BASE_DB_ENV] = base;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
