// npm start: migrate the database, seed the demo data when it is empty (unless SEED_DEMO=0),
// build, and serve on PORT (default 3000). A second start reuses the data.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";

const port = process.env.PORT ?? "3000";
const bin = (name) => `node_modules/.bin/${name}`;

function run(command, args, env = process.env) {
  console.log(`\n> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

// SKIP_MIGRATE=1: another instance over the same database has migrated it (the e2e suite's second).
if (process.env.SKIP_MIGRATE !== "1") run(bin("prisma"), ["migrate", "deploy"]);
if (process.env.SEED_DEMO !== "0") run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts"]);
// (the default as lib/env.ts and prisma.config.ts have it)
switchToWriteAheadLog(process.env.DATABASE_URL ?? "file:./data/slipcase.db");
if (process.env.SKIP_BUILD !== "1") run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });

console.log(`\nSlipcase is starting on http://localhost:${port}`);
// Idle keep-alive connections stay open 65 s (Node's default is 5 s), longer than the idle
// timeout of common proxies and load balancers (60 s): a client that reuses an idle connection
// just as the server closes it gets ECONNRESET — seen in the two-instance race test.
const keepAliveTimeout = process.env.KEEP_ALIVE_TIMEOUT_MS || "65000";
const server = spawn(bin("next"), ["start", "-p", port, "--keepAliveTimeout", keepAliveTimeout], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

/**
 * A SQLite file is switched to write-ahead logging before any server opens it. The app's client
 * also asks for it as it connects, but that request races with its first transactions and can be
 * refused: a CI run's servers then worked in rollback-journal mode, where a commit waits on every
 * reader, and one of them was left holding the write lock for good (every later write timed out).
 * The mode is kept in the file, so setting it once here holds for every instance.
 */
function switchToWriteAheadLog(url) {
  if (!url.startsWith("file:")) return;
  const database = new Database(path.resolve(url.slice("file:".length)), { timeout: 10_000 });
  try {
    const mode = database.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") console.warn(`SQLite stays in ${mode} journal mode: WAL was refused.`);
  } finally {
    database.close();
  }
}
