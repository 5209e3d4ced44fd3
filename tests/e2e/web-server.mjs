// Playwright's web server for the end-to-end suite: a fresh database file every run (deleted,
// migrated, seeded with the demo data), then a production build in its own folder, served by
// `npm start`'s script on the e2e port. E2E_SKIP_BUILD=1 reuses the last e2e build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const databaseUrl = process.env.DATABASE_URL ?? "";
if (!databaseUrl.startsWith("file:")) {
  console.error(`The e2e web server needs a SQLite DATABASE_URL (file:…), got "${databaseUrl}".`);
  process.exit(1);
}

// Start from nothing: the database file and SQLite's side files.
const databaseFile = path.resolve(databaseUrl.slice("file:".length));
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });

const server = spawn(process.execPath, ["scripts/start.mjs"], {
  stdio: "inherit",
  env: { ...process.env, SEED_DEMO: "1", SKIP_BUILD: process.env.E2E_SKIP_BUILD === "1" ? "1" : "0" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
