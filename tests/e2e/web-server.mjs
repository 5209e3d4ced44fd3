// Playwright's web servers for the end-to-end suite, on SQLite or PostgreSQL (DATABASE_URL).
//
//   node tests/e2e/web-server.mjs            instance A: starts from an empty database (a SQLite
//                                            file is deleted first; a PostgreSQL database must
//                                            be empty), then `npm start`'s script migrates,
//                                            seeds the demo data, builds into its own folder and
//                                            serves. E2E_SKIP_BUILD=1 reuses the last e2e build.
//   node tests/e2e/web-server.mjs --second   instance B: waits until A answers on PRIMARY_URL,
//                                            then the same script without migrations, seed or
//                                            build serves A's build over the same database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const isSecond = process.argv.includes("--second");
const databaseUrl = process.env.DATABASE_URL ?? "";

if (isSecond) {
  await waitForPrimary(process.env.PRIMARY_URL);
} else if (databaseUrl.startsWith("file:")) {
  // Start from nothing: the database file and SQLite's side files.
  const databaseFile = path.resolve(databaseUrl.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
} else if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
  await requireEmptyPostgres(databaseUrl);
} else {
  fail(`The e2e web server needs DATABASE_URL=file:… or postgresql://…, got "${databaseUrl}".`);
}

const server = spawn(process.execPath, ["scripts/start.mjs"], {
  stdio: "inherit",
  env: {
    ...process.env,
    SEED_DEMO: isSecond ? "0" : "1",
    // A has migrated the database; B's migrate deploy could meet A's worker writing and fail on the
    // lock (Prisma's schema engine waits for no SQLite lock) — it did once, failing the whole run.
    SKIP_MIGRATE: isSecond ? "1" : "0",
    SKIP_BUILD: isSecond || process.env.E2E_SKIP_BUILD === "1" ? "1" : "0",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function fail(message) {
  console.error(message);
  process.exit(1);
}

/**
 * The suite creates data freely, so it only runs on a database made for it: one with no tables,
 * never a merchant's real one.
 */
async function requireEmptyPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(
      "SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = current_schema()",
    );
    if (rows[0].tables > 0) {
      fail(`The e2e database must be empty (create a fresh one), but it has ${rows[0].tables} tables: ${url}`);
    }
  } catch (error) {
    fail(`Cannot reach the e2e database ${url}: ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Instance B serves A's build over A's migrated database, so it starts once A is healthy. */
async function waitForPrimary(primaryUrl) {
  if (!primaryUrl) fail("The second e2e instance needs PRIMARY_URL (instance A's base URL).");
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${primaryUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // A is not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail(`Instance A (${primaryUrl}) did not become healthy within 5 minutes.`);
}
