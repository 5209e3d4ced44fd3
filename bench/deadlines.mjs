// npm run bench:deadlines — the deadline job (lib/deadlines/sweep.ts) at a chain's scale (issue 9:
// "a deadline that passes is noticed by the system within a minute … on any instance").
//
// 1. The evening cut-off: a fresh database, migrated, with the demo merchant grown to --stores
//    stores (a terminal, a cashier and a supervisor each) and --incidents incidents logged earlier
//    in one business day (scripts/bench-deadlines.ts setup: through insertIncident, the core of
//    createIncident, 100 to a transaction; --via create logs each through createIncident), so
//    their halt and re-verify deadlines all pass at the same 23:00. Then two worker processes — two
//    instances — start at the same moment, their clocks one second after the cut-off, and run
//    the deadline job as lib/jobs/worker.ts does (a sweep every --sweep-ms, at once when the last
//    took longer) until nothing is due. Figures: the time until every due move was made, moves per
//    second, the sweeps it took, each worker's CPU; then every deadline is checked for exactly one
//    deadline.escalated event and one notification per supervisor of its store (none missing, no
//    duplicate). The verdict: 15 s (a sweep's interval: the longest a passed deadline waits for
//    the next sweep) + that time ≤ 60 s.
// 2. The idle cost: --idle-rows more Deadline rows (default 1,000,000; 70 % done, 30 % due later,
//    inserted directly), none due; one sweepDeadlines() that finds nothing, timed --runs times
//    (before and after ANALYZE), with the walk's query plan.
//
//   npm run bench:deadlines                          SQLite, then PostgreSQL (a fresh bench_ database each)
//   npm run bench:deadlines -- --db sqlite           one of them
//   --incidents N (5000)  --stores N (50)  --idle-rows N (1000000)  --runs N (30)  --sweep-ms N (15000)
//   --via insert|create (insert)  --max-seconds N (600: the race is stopped after that)
//   --profile N (300: after the race, N of the next level's moves made one by one in one process,
//   timed against an empty transaction and the move's reads alone; 0 skips it)
//
// PostgreSQL: BENCH_POSTGRES_URL or TEST_POSTGRES_URL (a role with CREATEDB), default
// postgresql://slipcase:slipcase@localhost:5432/postgres. Run it under
// `flock /tmp/slipcase-bench.lock` on a shared machine: the load average is printed beside the
// figures. Results (JSON) go to bench/results/deadlines-<time>.json. A benchmark, not a test: it
// exits non-zero when a child fails (a worker too) or an escalation is missing or duplicated.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import {
  createPostgresDatabase,
  DEFAULT_POSTGRES_URL,
  postgresProblem,
  redact,
  sqliteFolder,
} from "./lib/databases.mjs";
import { onCleanup, runBench, runLogged, tail } from "./lib/processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const PRISMA_BIN = path.join(ROOT, "node_modules", ".bin", "prisma");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
const TARGET_MS = 60_000;

function parseArguments(argv) {
  const options = {
    databases: ["sqlite", "postgresql"],
    incidents: 5000,
    stores: 50,
    idleRows: 1_000_000,
    runs: 30,
    sweepMs: 15_000,
    via: "insert",
    maxSeconds: 600,
    profile: 300,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--db" || name === "--database") {
      const db = value();
      options.databases =
        db === "both" ? ["sqlite", "postgresql"] : [db === "postgres" || db === "pg" ? "postgresql" : db];
    } else if (name === "--incidents") options.incidents = Number(value());
    else if (name === "--stores") options.stores = Number(value());
    else if (name === "--idle-rows") options.idleRows = Number(value());
    else if (name === "--runs") options.runs = Number(value());
    else if (name === "--sweep-ms") options.sweepMs = Number(value());
    else if (name === "--via") options.via = value();
    else if (name === "--max-seconds") options.maxSeconds = Number(value());
    else if (name === "--profile") options.profile = Number(value());
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  for (const db of options.databases) {
    if (!["sqlite", "postgresql"].includes(db)) throw new Error("--db is sqlite, postgresql or both.");
  }
  for (const key of ["incidents", "stores", "runs", "sweepMs", "maxSeconds"]) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`--${key} must be a positive integer.`);
  }
  if (!Number.isInteger(options.idleRows) || options.idleRows < 0) throw new Error("--idle-rows must be ≥ 0.");
  if (!Number.isInteger(options.profile) || options.profile < 0) throw new Error("--profile must be ≥ 0.");
  if (!["insert", "create"].includes(options.via)) throw new Error("--via is insert or create.");
  return options;
}

const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
const seconds = (ms) => (ms / 1000).toFixed(1);
const thousands = (n) => Math.round(n).toLocaleString("en-US");
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Starts one mode of scripts/bench-deadlines.ts; `ready` resolves at its READY line, `result` at its BENCH_RESULT. */
function startChild({ mode, input, databaseUrl, logFile }) {
  const log = fs.openSync(logFile, "a");
  const child = spawn(
    TSX_BIN,
    ["--conditions=react-server", "scripts/bench-deadlines.ts", mode, JSON.stringify(input)],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
      stdio: ["pipe", "pipe", log],
      detached: true,
    },
  );
  fs.closeSync(log);
  const kill = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  };
  const unregister = onCleanup(async () => kill());
  let output = "";
  let onReady;
  const ready = new Promise((resolve) => {
    onReady = resolve;
  });
  child.stdout.on("data", (chunk) => {
    output += chunk;
    fs.appendFileSync(logFile, chunk);
    if (output.includes("READY\n")) onReady();
  });
  const result = new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      unregister();
      const line = output.split("\n").find((text) => text.startsWith("BENCH_RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice("BENCH_RESULT ".length)));
      else if (code === 0) {
        // Node exits 0 when nothing is left to wait for: an await in it that can never settle.
        reject(new Error(`bench-deadlines ${mode} exited before it finished: an await in it never settled`));
      } else reject(new Error(`bench-deadlines ${mode} exited (${code ?? signal}):\n${tail(logFile, 30)}`));
    });
  });
  /** The sweeps a worker reported as they ended (kept when it fails later). */
  const sweeps = () =>
    output
      .split("\n")
      .filter((text) => text.startsWith("SWEEP "))
      .map((text) => JSON.parse(text.slice("SWEEP ".length)));
  return { child, ready, result, kill, sweeps, go: () => child.stdin.write("GO\n") };
}

const runChild = (options) => startChild(options).result;

/** One statement on the bench database, through the driver (the parent has no Prisma). */
async function onDatabase(databaseUrl, work) {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length));
    try {
      return await work({ sqlite: db });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work({ postgres: client });
  } finally {
    await client.end();
  }
}

/**
 * --idle-rows Deadline rows none of which is due at `now`: 70 % done (no next action), 30 % with a
 * next action spread over the 30 days after `now` — a chain's deadlines at rest. Rows of no
 * incident (the walk reads only the deadline's index); stored as Prisma stores them.
 */
async function insertIdleRows(databaseUrl, rows, now, merchantId) {
  const start = now.getTime() + 60_000;
  const span = 30 * 86_400_000;
  return onDatabase(databaseUrl, async ({ sqlite, postgres }) => {
    if (sqlite) {
      const stored = sqlite.prepare(`SELECT "dueAt" AS "at" FROM "Deadline" LIMIT 1`).get()?.at;
      // Prisma's SQLite adapter keeps DateTime as text (2026-12-01T15:00:00.000+00:00) or epoch ms.
      const value =
        typeof stored === "number" ? (date) => date.getTime() : (date) => date.toISOString().replace("Z", "+00:00");
      const perStatement = 500;
      const insert = (count) =>
        sqlite.prepare(
          `INSERT INTO "Deadline" ("id", "merchantId", "subject", "dueAt", "status", "doneAt", "escalationLevel", "nextActionAt", "createdAt", "updatedAt") VALUES ${Array.from(
            { length: count },
            () => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          ).join(", ")}`,
        );
      const full = insert(perStatement);
      const created = value(now);
      sqlite.transaction(() => {
        for (let first = 0; first < rows; first += perStatement) {
          const count = Math.min(perStatement, rows - first);
          const values = [];
          for (let i = first; i < first + count; i++) {
            const at = new Date(start + Math.floor((span * ((i * 7919) % rows)) / rows));
            const done = i % 10 < 7;
            values.push(
              `idle${i.toString(36).padStart(8, "0")}`,
              merchantId,
              "close",
              value(at),
              done ? "met" : "pending",
              done ? value(now) : null,
              0,
              done ? null : value(at),
              created,
              created,
            );
          }
          (count === perStatement ? full : insert(count)).run(values);
        }
      })();
      return;
    }
    await postgres.query(
      `INSERT INTO "Deadline" ("id", "merchantId", "subject", "dueAt", "status", "doneAt", "escalationLevel", "nextActionAt", "createdAt", "updatedAt")
       SELECT 'idle' || lpad(to_hex(g), 8, '0'), $1, 'close', at,
              CASE WHEN g % 10 < 7 THEN 'met' ELSE 'pending' END,
              CASE WHEN g % 10 < 7 THEN $2::timestamp END, 0,
              CASE WHEN g % 10 < 7 THEN NULL ELSE at END, $2::timestamp, $2::timestamp
       FROM (SELECT g, $3::timestamp + (((g::bigint * 7919) % $4::bigint) * $5::bigint / $4::bigint) * interval '1 millisecond' AS at
             FROM generate_series(0, $4::int - 1) AS g) AS rows`,
      [merchantId, now.toISOString().replace("Z", ""), new Date(start).toISOString().replace("Z", ""), rows, span],
    );
  });
}

/** The walk's first query as the sweep sends it, explained. */
async function walkPlan(databaseUrl, now) {
  return onDatabase(databaseUrl, async ({ sqlite, postgres }) => {
    if (sqlite) {
      const stored = sqlite.prepare(`SELECT "dueAt" AS "at" FROM "Deadline" LIMIT 1`).get()?.at;
      const at = typeof stored === "number" ? now.getTime() : now.toISOString().replace("Z", "+00:00");
      return sqlite
        .prepare(
          `EXPLAIN QUERY PLAN SELECT "id", "nextActionAt" FROM "Deadline" WHERE "nextActionAt" <= ? ORDER BY "nextActionAt" ASC, "id" ASC LIMIT 100`,
        )
        .all(at)
        .map((row) => row.detail)
        .join("; ");
    }
    const { rows } = await postgres.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT "id", "nextActionAt" FROM "Deadline" WHERE "nextActionAt" <= $1 ORDER BY "nextActionAt" ASC, "id" ASC LIMIT 100`,
      [now.toISOString().replace("Z", "")],
    );
    return rows.map((row) => row["QUERY PLAN"].trim()).join("; ");
  });
}

async function analyze(databaseUrl) {
  await onDatabase(databaseUrl, async ({ sqlite, postgres }) => {
    if (sqlite) sqlite.exec(`ANALYZE "Deadline"`);
    else await postgres.query(`ANALYZE "Deadline"`);
  });
}

async function merchantIdOf(databaseUrl) {
  return onDatabase(databaseUrl, async ({ sqlite, postgres }) =>
    sqlite
      ? sqlite.prepare(`SELECT "id" FROM "Merchant" LIMIT 1`).get().id
      : (await postgres.query(`SELECT "id" FROM "Merchant" LIMIT 1`)).rows[0].id,
  );
}

function idleSummary(idle) {
  const sorted = [...idle.runsMs].sort((a, b) => a - b);
  return { firstMs: idle.firstMs, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) };
}

async function benchDatabase(db, options, logFile) {
  const figures = { database: db, loadAverage: { start: loadAverage() } };
  const databaseUrl =
    db === "postgresql"
      ? await createPostgresDatabase(
          process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL,
          `bench_deadlines_${Date.now().toString(36)}`,
        )
      : `file:${path.join(sqliteFolder(), "deadlines.db")}`;
  let mark = performance.now();
  runLogged({
    command: PRISMA_BIN,
    args: ["migrate", "deploy"],
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    logFile,
  });
  console.log(
    `\n[${db}] ${redact(databaseUrl)} migrated in ${seconds(performance.now() - mark)} s; logging incidents …`,
  );

  // 1. The cut-off.
  const setup = await runChild({
    mode: "setup",
    input: { incidents: options.incidents, stores: options.stores, via: options.via },
    databaseUrl,
    logFile,
  });
  figures.setup = setup;
  const dueMoves = setup.dueAfterCutoff;
  console.log(
    `[${db}] ${thousands(setup.created)} incidents in ${setup.stores} stores (${setup.via === "create" ? "createIncident" : "insertIncident, 100 a transaction"}) ` +
      `in ${seconds(setup.createMs)} s; cut-off ${setup.cutoff}: halt ${thousands(setup.atCutoff.halt ?? 0)}, ` +
      `re-verify ${thousands(setup.atCutoff.reverify ?? 0)} deadlines; ${thousands(dueMoves)} moves due one second after it`,
  );

  const now = new Date(new Date(setup.cutoff).getTime() + 1000);
  const workers = ["a", "b"].map((name) =>
    startChild({
      mode: "sweep",
      input: { now: now.toISOString(), sweepMs: options.sweepMs, name },
      databaseUrl,
      logFile,
    }),
  );
  await Promise.all(workers.map((worker) => worker.ready));
  figures.loadAverage.race = loadAverage();
  const goAt = Date.now();
  for (const worker of workers) worker.go();
  const timer = setTimeout(() => {
    for (const worker of workers) worker.kill();
  }, options.maxSeconds * 1000);
  const raced = await Promise.allSettled(workers.map((worker) => worker.result));
  clearTimeout(timer);
  figures.loadAverage.afterRace = loadAverage();
  const results = raced.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : null));
  const failures = [];
  raced.forEach((outcome, index) => {
    if (outcome.status === "rejected") {
      failures.push({ worker: "ab"[index], error: outcome.reason.message.split("\n")[0] });
      console.log(`[${db}] worker ${"ab"[index]} failed: ${outcome.reason.message}`);
    }
  });
  const sweeps = workers.flatMap((worker, index) =>
    worker.sweeps().map((sweep) => ({ ...sweep, worker: "ab"[index] })),
  );
  const moving = sweeps.filter((sweep) => sweep.escalated + sweep.reminded > 0);
  const lastMoveAt = moving.length > 0 ? Math.max(...moving.map((sweep) => sweep.endAt)) : goAt;
  const moves = sweeps.reduce((sum, sweep) => sum + sweep.escalated + sweep.reminded, 0);
  // Done when a sweep of either worker left nothing due (a worker that failed may never say so).
  const allDone = sweeps.some((sweep) => sweep.dueAfter === 0);
  const processingMs = lastMoveAt - goAt;
  figures.race = {
    dueMoves,
    moves,
    allDone,
    processingMs,
    movesPerSecond: processingMs > 0 ? Math.round((moves / processingMs) * 1000) : null,
    noticedWithinMs: options.sweepMs + processingMs,
    sweeps: sweeps.map((sweep) => ({ ...sweep, startMs: sweep.startAt - goAt, endMs: sweep.endAt - goAt })),
    workerCpuMs: Object.fromEntries(results.filter(Boolean).map((result) => [result.name, result.cpuMs])),
    failures,
  };
  console.log(
    `[${db}] two workers racing: ${thousands(moves)} of ${thousands(dueMoves)} moves made in ${seconds(processingMs)} s ` +
      `(${thousands(figures.race.movesPerSecond ?? 0)} moves/s), ${allDone ? "nothing left due" : "SOME STILL DUE"}; load average ${figures.loadAverage.afterRace}`,
  );
  for (const sweep of figures.race.sweeps) {
    console.log(
      `    worker ${sweep.worker}: sweep ${seconds(sweep.startMs)}–${seconds(sweep.endMs)} s, ${thousands(sweep.escalated)} escalated, ${thousands(sweep.reminded)} reminded, ${thousands(sweep.dueAfter)} still due after`,
    );
  }
  console.log(
    `    CPU of the workers: ${Object.entries(figures.race.workerCpuMs)
      .map(([name, ms]) => `${name} ${seconds(ms)} s`)
      .join(", ")}`,
  );

  figures.verify = await runChild({ mode: "verify", input: { cutoff: setup.cutoff }, databaseUrl, logFile });
  const v = figures.verify;
  figures.verify.pass = v.missing === 0 && v.duplicated === 0 && v.wrongNotifications === 0 && v.deadlines === dueMoves;
  console.log(
    `[${db}] per deadline: ${thousands(v.deadlines)} deadlines, ${thousands(v.events)} deadline.escalated events, ` +
      `${thousands(v.notifications)} notifications (${thousands(v.expectedNotifications)} expected); missing ${v.missing}, ` +
      `duplicated ${v.duplicated}, wrong notification count ${v.wrongNotifications} — ${v.pass ? "PASS" : "FAIL"}`,
  );

  // Where a move's time goes: the next level (the admins, a day later) of the first --profile
  // deadlines, made one by one in one process.
  if (options.profile > 0) {
    const p = await runChild({
      mode: "profile",
      input: { now: new Date(now.getTime() + 86_400_000).toISOString(), count: options.profile },
      databaseUrl,
      logFile,
    });
    figures.profile = { ...p, loadAverage: loadAverage() };
    const ms = (part) => `${part.wallMs} ms (CPU ${part.cpuMs} ms)`;
    console.log(
      `[${db}] one move, alone (${p.moved} of ${p.moves} level-2 moves, one process): ${ms(p.move)} per move; ` +
        `an empty transaction ${ms(p.emptyTransaction)}, the move's reads in one ${ms(p.reads)} (each in a transaction of its own: ` +
        `the deadline with its incident ${ms(p.deadlineRead)}, the merchant's settings ${ms(p.merchantRead)}, the plan and staff ${ms(p.planRead)}); ` +
        `load average ${figures.profile.loadAverage}`,
    );
  }

  // 2. The idle cost.
  if (options.idleRows > 0) {
    mark = performance.now();
    await insertIdleRows(databaseUrl, options.idleRows, now, await merchantIdOf(databaseUrl));
    const insertMs = performance.now() - mark;
    const idleNow = new Date(now.getTime() + 2000);
    const before = await runChild({
      mode: "idle",
      input: { now: idleNow.toISOString(), runs: options.runs },
      databaseUrl,
      logFile,
    });
    const planBefore = await walkPlan(databaseUrl, idleNow);
    await analyze(databaseUrl);
    const after = await runChild({
      mode: "idle",
      input: { now: idleNow.toISOString(), runs: options.runs },
      databaseUrl,
      logFile,
    });
    const planAfter = await walkPlan(databaseUrl, idleNow);
    figures.idle = {
      rows: after.deadlines,
      insertMs: Math.round(insertMs),
      beforeAnalyze: { ...idleSummary(before), plan: planBefore },
      afterAnalyze: { ...idleSummary(after), plan: planAfter },
      loadAverage: loadAverage(),
    };
    const line = (label, s) =>
      `    ${label}: first ${s.firstMs} ms, p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms (${options.runs} runs) — ${s.plan}`;
    console.log(
      `[${db}] idle sweep over ${thousands(after.deadlines)} deadlines, none due (${thousands(options.idleRows)} inserted in ${seconds(insertMs)} s):`,
    );
    console.log(line("before ANALYZE", figures.idle.beforeAnalyze));
    console.log(line("after ANALYZE ", figures.idle.afterAnalyze));
  }
  figures.loadAverage.end = loadAverage();
  return figures;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const startedAt = new Date();
  console.log(
    `bench:deadlines — ${thousands(options.incidents)} incidents in ${options.stores} stores, two workers, sweep every ${seconds(options.sweepMs)} s; ` +
      `${thousands(options.idleRows)} idle deadlines; ${options.databases.join(" + ")}; ${os.cpus().length} CPUs, load average ${loadAverage()}`,
  );
  const logFile = path.join(sqliteFolder(), "bench.log");
  const all = [];
  for (const db of options.databases) {
    if (db === "postgresql") {
      const problem = await postgresProblem(
        process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL,
      );
      if (problem) {
        console.log(`\n[postgresql] skipped: the server does not answer (${problem}).`);
        continue;
      }
    }
    all.push(await benchDatabase(db, options, logFile));
  }

  console.log(
    "\n| database | incidents | due moves | all moved after | moves/s | sweeps | noticed within (15 s + that) | exactly once | one move alone (CPU) | idle sweep p50 / p95 (rows) | load average |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const f of all) {
    const idle = f.idle?.afterAnalyze;
    console.log(
      `| ${f.database} | ${thousands(f.setup.created)} in ${f.setup.stores} stores | ${thousands(f.race.dueMoves)} | ` +
        `${seconds(f.race.processingMs)} s${f.race.allDone ? "" : " (NOT ALL)"} | ${thousands(f.race.movesPerSecond ?? 0)} | ${f.race.sweeps.length} (both) | ` +
        `${seconds(f.race.noticedWithinMs)} s ${f.race.allDone && f.race.noticedWithinMs <= TARGET_MS ? "≤ 60 s: met" : "> 60 s: MISSED"} | ` +
        `${f.verify.pass ? "PASS" : "FAIL"}${f.race.failures.length > 0 ? ` (worker ${f.race.failures.map((x) => x.worker).join(", ")} failed)` : ""} | ` +
        `${f.profile ? `${f.profile.move.wallMs} ms (${f.profile.move.cpuMs} ms)` : "—"} | ${idle ? `${idle.p50Ms} / ${idle.p95Ms} ms (${thousands(f.idle.rows)})` : "—"} | ` +
        `${f.loadAverage.race} → ${f.loadAverage.end} |`,
    );
  }

  const result = {
    startedAt: startedAt.toISOString(),
    options,
    machine: { cpus: os.cpus().length, node: process.version },
    databases: all,
  };
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `deadlines-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Results: ${path.relative(ROOT, file)}`);
  if (all.some((f) => !f.verify.pass || !f.race.allDone || f.race.failures.length > 0)) process.exitCode = 1;
}

await runBench("bench:deadlines", main);
