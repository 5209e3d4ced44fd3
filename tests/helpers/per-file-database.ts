// Before each test file: its own copy of the seeded base database, so files never share state.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const base = process.env.SLIPCASE_TEST_BASE_DB;
if (base) {
  const copy = path.join(
    os.tmpdir(),
    `slipcase-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`,
  );
  fs.copyFileSync(base, copy);
  process.env.DATABASE_URL = `file:${copy}`;
}
process.env.BETTER_AUTH_SECRET ??= "test-secret-that-is-long-enough-for-better-auth-0123456789";
