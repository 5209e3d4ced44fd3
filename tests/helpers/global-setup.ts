// Once per test run: a migrated, seeded base database that every test file copies. SQLite (the
// default): a base file in a temporary folder. PostgreSQL (TEST_DATABASE=postgresql with
// TEST_POSTGRES_URL): a base database that each file clones with CREATE DATABASE … TEMPLATE.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BASE_DB_ENV,
  createDatabase,
  databasesNamed,
  databaseUrl,
  dropDatabases,
  postgresAdminUrl,
  RUN_PREFIX_ENV,
  testDatabase,
} from "@/tests/helpers/test-database";

export { BASE_DB_ENV };

/** Applies the committed migrations for `url`'s provider (prisma.config.ts picks them) and seeds the demo data. */
function migrateAndSeed(url: string) {
  const env = { ...process.env, DATABASE_URL: url, SEED_DEMO: "1", DEMO_PASSWORD: "slipcase-demo-2026" };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/seed.ts"], { env, stdio: "pipe" });
}

function setupSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-test-"));
  const base = path.join(dir, "base.db");
  migrateAndSeed(`file:${base}`);
  process.env[BASE_DB_ENV] = base;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres() {
  const adminUrl = postgresAdminUrl();
  // Every database of this run starts with the prefix, so teardown finds the ones a crashed
  // worker left behind without touching another run's.
  const prefix = `slipcase_test_${crypto.randomBytes(4).toString("hex")}`;
  const base = `${prefix}_base`;
  await createDatabase(adminUrl, base);
  const teardown = async () => dropDatabases(adminUrl, await databasesNamed(adminUrl, `${prefix}_`));
  try {
    migrateAndSeed(databaseUrl(adminUrl, base));
  } catch (error) {
    await teardown();
    throw error;
  }
  process.env[BASE_DB_ENV] = base;
  process.env[RUN_PREFIX_ENV] = prefix;
  return teardown;
}

export default function setup() {
  return testDatabase() === "postgresql" ? setupPostgres() : setupSqlite();
}
