// Before each test file: its own copy of the seeded base database, so files never share state.
// SQLite copies the base file; PostgreSQL clones the base database (CREATE DATABASE … TEMPLATE)
// and drops the clone when the file is done.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import {
  BASE_DB_ENV,
  createDatabase,
  databaseUrl,
  dropDatabases,
  postgresAdminUrl,
  RUN_PREFIX_ENV,
  testDatabase,
  uniqueDatabaseName,
} from "@/tests/helpers/test-database";

const base = process.env[BASE_DB_ENV];
if (base && testDatabase() === "postgresql") {
  const adminUrl = postgresAdminUrl();
  const name = uniqueDatabaseName(process.env[RUN_PREFIX_ENV] ?? "slipcase_test");
  await createDatabase(adminUrl, name, base);
  process.env.DATABASE_URL = databaseUrl(adminUrl, name);
  afterAll(async () => {
    // Close the file's connections (if it opened any) first; the drop would end them anyway, but
    // the pool would then report the terminated connections as errors.
    await (globalThis as { slipcasePrisma?: { $disconnect(): Promise<void> } }).slipcasePrisma?.$disconnect();
    await dropDatabases(adminUrl, [name]);
  });
} else if (base) {
  const copy = path.join(
    os.tmpdir(),
    `slipcase-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`,
  );
  fs.copyFileSync(base, copy);
  process.env.DATABASE_URL = `file:${copy}`;
  afterAll(() => {
    // -recon-matching.lock: the import job's matching lock beside the database (lib/reconciliation/import).
    for (const suffix of ["", "-wal", "-shm", "-journal", "-recon-matching.lock"]) {
      fs.rmSync(`${copy}${suffix}`, { force: true });
    }
  });
}
// Each file its own upload spool (lib/reconciliation/spool.ts), removed with the file.
if (!process.env.UPLOAD_DIR) {
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-uploads-"));
  process.env.UPLOAD_DIR = uploads;
  afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));
}
process.env.BETTER_AUTH_SECRET ??= "test-secret-that-is-long-enough-for-better-auth-0123456789";
