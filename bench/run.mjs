// npm run bench:api — load the incident API of the production build and compare it with two
// floors. Builds once into .next-bench, then for each setup (SQLite; PostgreSQL; two instances
// over one PostgreSQL) migrates and seeds a fresh database, starts `next start`, signs in, and
// runs autocannon from a child process (bench/load.mjs) for: creates with distinct
// Idempotency-Keys, a filtered list, step completions, GET /api/health (the framework's floor)
// and bench/floor-server.mjs (the same rows written with the driver directly: the database's
// floor). Prints a table per setup and a Markdown table, writes bench/results/<timestamp>.json,
// and stops every server and drops every database it created, also on Ctrl-C or failure.
//
//   npm run bench:api                              all setups, 30 s per scenario
//   npm run bench:api -- --only sqlite             one setup (sqlite | postgresql | two-instances)
//   npm run bench:api -- --skip-build              reuse the last .next-bench build
//
// Env: BENCH_DURATION (s, default 30), BENCH_WARMUP (s, default 3), BENCH_CONNECTIONS (32),
// BENCH_POSTGRES_URL (a role with CREATEDB; default postgresql://slipcase:slipcase@localhost:5432/postgres),
// BENCH_PORT (first of 4 ports, default 3300), DATABASE_POOL_SIZE (per instance, default 10).
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "./lib/build.mjs";
import { cpuShares, cpuSnapshot } from "./lib/cpu.mjs";
import {
  createPostgresDatabase,
  DEFAULT_POSTGRES_URL,
  postgresProblem,
  redact,
  sqliteFolder,
} from "./lib/databases.mjs";
import { assertPortFree, cleanupAll, onCleanup, runLogged, startServer, waitForHttp } from "./lib/processes.mjs";
import { failuresOf, markdown, SCENARIO_LABELS, setupTable } from "./lib/report.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const BENCH = import.meta.dirname;
const DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const PRISMA_BIN = path.join(ROOT, "node_modules", ".bin", "prisma");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");

const config = {
  durationSeconds: positiveNumber("BENCH_DURATION", 30),
  warmupSeconds: positiveNumber("BENCH_WARMUP", 3, { allowZero: true }),
  connections: positiveNumber("BENCH_CONNECTIONS", 32),
  postgresUrl: process.env.BENCH_POSTGRES_URL || DEFAULT_POSTGRES_URL,
  firstPort: positiveNumber("BENCH_PORT", 3300),
  poolSize: process.env.DATABASE_POOL_SIZE || "10",
  demoPassword: process.env.DEMO_PASSWORD || "slipcase-demo-2026",
};
/** The list request: what a supervisor's incident page asks for, two filters. */
const LIST_PATH = "/api/incidents?status=OPEN&kind=wrong_amount";
/** Process groups whose CPU time is the benchmark's own: its servers' (each leads one). */
const benchmarkGroups = new Set();
/** The step scenario warms up on this many incidents of its own (bench/load.mjs). */
const STEP_WARMUP_REQUESTS = 160;

const SETUPS = {
  sqlite: { title: "SQLite, 1 instance", database: "sqlite", instances: 1, driver: "better-sqlite3" },
  postgresql: { title: "PostgreSQL, 1 instance", database: "postgresql", instances: 1, driver: "pg" },
  "two-instances": { title: "PostgreSQL, 2 instances", database: "postgresql", instances: 2, driver: "pg" },
};
const ALIASES = { postgres: "postgresql", pg: "postgresql", two: "two-instances", "postgresql-2": "two-instances" };

function positiveNumber(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}".`);
  }
  return value;
}

function parseArguments(argv) {
  const options = { only: Object.keys(SETUPS), skipBuild: process.env.BENCH_SKIP_BUILD === "1" };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--skip-build") options.skipBuild = true;
    else if (argument === "--only" || argument.startsWith("--only=")) {
      const value = argument.includes("=") ? argument.slice("--only=".length) : argv[++i];
      options.only = (value ?? "").split(",").map((name) => ALIASES[name.trim()] ?? name.trim());
      const unknown = options.only.filter((name) => !(name in SETUPS));
      if (unknown.length > 0 || options.only.length === 0) {
        throw new Error(`--only takes a comma list of: ${Object.keys(SETUPS).join(", ")} (got "${value}").`);
      }
    } else if (argument === "--help" || argument === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argument} (try --help).`);
  }
  return options;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** prisma migrate deploy + the demo seed, exactly as `npm start` does on a fresh database. */
function migrateAndSeed(databaseUrl, logFile) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, DEMO_PASSWORD: config.demoPassword };
  runLogged({ command: PRISMA_BIN, args: ["migrate", "deploy"], cwd: ROOT, env, logFile });
  runLogged({ command: TSX_BIN, args: ["--conditions=react-server", "scripts/seed.ts"], cwd: ROOT, env, logFile });
}

async function signIn(baseUrl, email) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: config.demoPassword }),
  });
  if (response.status !== 200) {
    throw new Error(`Sign-in as ${email} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error(`Sign-in as ${email} set no cookie.`);
  return cookie;
}

/** One request of each kind before loading, so a broken request fails with its answer. */
async function preflight(urls, cookies) {
  const check = async (label, url, init, expected) => {
    const response = await fetch(url, init);
    const body = await response.text();
    if (response.status !== expected) {
      throw new Error(`Preflight ${label} answered ${response.status} (expected ${expected}): ${body.slice(0, 400)}`);
    }
    return body;
  };
  for (const url of urls) {
    await check("health", `${url}/api/health`, {}, 200);
    await check("list", `${url}${LIST_PATH}`, { headers: { cookie: cookies.supervisor } }, 200);
    // The cashier's cookie from the first instance works on every instance: sessions are shared.
    const created = await check(
      "create",
      `${url}/api/incidents`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: cookies.cashier,
          "idempotency-key": `preflight-${crypto.randomUUID()}`,
        },
        body: JSON.stringify({ kind: "wrong_amount", terminalId: "T1000001", amount: "1.00" }),
      },
      201,
    );
    const { id, version } = JSON.parse(created);
    await check(
      "step completion",
      `${url}/api/incidents/${id}/steps/halt`,
      {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies.admin },
        body: JSON.stringify({ action: "complete", version }),
      },
      200,
    );
  }
}

/** Runs one scenario in a forked child (autocannon never shares the server's process). */
function runLoad(scenarioConfig) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(BENCH, "load.mjs"), [], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const unregister = onCleanup(async () => child.kill("SIGKILL"));
    let answered = false;
    child.once("message", (message) => {
      answered = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once("exit", (code) => {
      unregister();
      if (!answered) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send({ connections: config.connections, durationSeconds: config.durationSeconds, ...scenarioConfig });
  });
}

async function measure(setupResult, scenario, scenarioConfig) {
  process.stdout.write(`  ${SCENARIO_LABELS[scenario].padEnd(40)} `);
  const before = os.loadavg()[0];
  const cpuBefore = cpuSnapshot();
  const result = await runLoad({ scenario, warmupSeconds: config.warmupSeconds, ...scenarioConfig });
  result.cpu = cpuShares(cpuBefore, cpuSnapshot(), { groups: benchmarkGroups, extraSeconds: result.cpuSeconds });
  result.loadAverage = { before, after: os.loadavg()[0] };
  const { created, ...kept } = result;
  setupResult.scenarios[scenario] = kept;
  const failures = failuresOf(result);
  console.log(
    `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
      (failures > 0 ? `, ${failures} FAILED (${JSON.stringify(result.statusCodes)})` : ", 0 errors") +
      (result.cpu ? ` [CPU other work ${result.cpu.otherPercent} %]` : ""),
  );
  for (const sample of result.failureSamples) console.log(`    ${sample.status}: ${sample.body}`);
  if (result.warmupFailures > 0) {
    console.log(`    ${result.warmupFailures} failed during the warm-up (not counted above):`);
    for (const sample of result.warmupFailureSamples) console.log(`    ${sample.status}: ${sample.body}`);
  }
  if (result.replayed > 0)
    console.log(`    ${result.replayed} creates answered as idempotent replays (keys should be distinct)`);
  if (result.durationSeconds < config.durationSeconds - 1) {
    console.log(`    stopped after ${result.durationSeconds} s: the pool of incidents ran out (see stepCapacity)`);
  }
  return result;
}

/**
 * The incidents the step scenario works through: those the create scenario made, topped up
 * through the API when they might not last. A step completion does about the work of a create,
 * so the measured run is assumed to go at most 4× the create rate; should it go faster, the load
 * generator stops when the fresh steps run out rather than send a step twice (and says so).
 */
async function fillStepPool({ urls, cookie, runId, create }) {
  const pool = [...create.created];
  const stepsPerIncident =
    pool.length > 0 ? pool.reduce((sum, incident) => sum + incident.steps.length, 0) / pool.length : 3;
  const neededSteps = 4 * create.requestsPerSecond * config.durationSeconds;
  // At least 8 incidents per connection, so an incident's next step is sent long after its last one answered.
  const measuredIncidents = Math.max(Math.ceil(neededSteps / stepsPerIncident), config.connections * 8);
  const missing = measuredIncidents + STEP_WARMUP_REQUESTS - pool.length;
  if (missing > 0) {
    process.stdout.write(`  (creating ${missing} more incidents for the step scenario …`);
    const extra = await runLoad({
      scenario: "create",
      urls,
      cookie,
      keyPrefix: `bench-${runId}-pool`,
      amount: missing,
      // Not measured: a few connections fill the pool without queueing on the merchant's lock.
      connections: 4,
    });
    pool.push(...extra.created);
    console.log(
      ` done${extra.failures > 0 ? `; ${extra.failures} failed: ${JSON.stringify(extra.statusCodes)}` : ""})`,
    );
  }
  return pool;
}

async function runSetup(key, { runId, logFolder, scratch }) {
  const setup = SETUPS[key];
  const setupResult = {
    key,
    title: setup.title,
    driver: setup.driver,
    instances: setup.instances,
    startedAt: new Date().toISOString(),
    loadAverageAtStart: loadAverage(),
    scenarios: {},
  };
  console.log(`\n== ${setup.title} ==  (load average ${setupResult.loadAverageAtStart.join(" / ")})`);
  const logFile = (name) => path.join(logFolder, `${key}-${name}.log`);

  let appUrl;
  let floorUrl;
  if (setup.database === "sqlite") {
    appUrl = `file:${path.join(scratch, `${key}-app.db`)}`;
    floorUrl = `file:${path.join(scratch, `${key}-floor.db`)}`;
  } else {
    const prefix = `bench_${runId}_${key.replace("-", "_")}`;
    appUrl = await createPostgresDatabase(config.postgresUrl, `${prefix}_app`);
    floorUrl = await createPostgresDatabase(config.postgresUrl, `${prefix}_floor`);
  }
  console.log(`  databases: ${redact(appUrl)} (app), ${redact(floorUrl)} (floor); migrating and seeding …`);
  migrateAndSeed(appUrl, logFile("migrate"));
  migrateAndSeed(floorUrl, logFile("migrate"));

  // The app: one or two `next start` over the same database, sharing one auth secret.
  const secret = crypto.randomBytes(32).toString("base64url");
  const ports = Array.from({ length: setup.instances }, (_, i) => config.firstPort + i);
  const urls = ports.map((port) => `http://localhost:${port}`);
  const servers = ports.map((port, i) =>
    startServer({
      name: `app instance ${i + 1} (:${port})`,
      command: process.execPath,
      args: [NEXT_BIN, "start", "-p", String(port)],
      cwd: ROOT,
      logFile: logFile(`app-${i + 1}`),
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: appUrl,
        DATABASE_POOL_SIZE: config.poolSize,
        PORT: String(port),
        BETTER_AUTH_URL: urls[i],
        BETTER_AUTH_SECRET: secret,
      },
    }),
  );
  for (const server of servers) benchmarkGroups.add(server.child.pid);
  await Promise.all(servers.map((server, i) => waitForHttp(`${urls[i]}/api/health`, server)));
  const cookies = {
    cashier: await signIn(urls[0], "cashier@demo.test"),
    supervisor: await signIn(urls.at(-1), "supervisor@demo.test"),
    admin: await signIn(urls[0], "admin@demo.test"),
  };
  await preflight(urls, cookies);
  console.log(`  ${setup.instances} instance(s) up at ${urls.join(", ")}; cashier, supervisor and admin signed in`);

  await measure(setupResult, "health", { urls });
  const create = await measure(setupResult, "create", { urls, cookie: cookies.cashier, keyPrefix: `bench-${runId}` });
  await measure(setupResult, "list", { urls, cookie: cookies.supervisor, listPath: LIST_PATH });
  const incidents = await fillStepPool({ urls, cookie: cookies.cashier, runId, create });
  await measure(setupResult, "steps", { urls, cookie: cookies.admin, incidents, warmupRequests: STEP_WARMUP_REQUESTS });
  await Promise.all(servers.map((server) => server.stop()));

  // The database's floor: the same rows through the driver, as many servers as app instances.
  const floorPorts = ports.map((port) => port + 2);
  const floorUrls = floorPorts.map((port) => `http://localhost:${port}`);
  const floors = floorPorts.map((port, i) =>
    startServer({
      name: `floor server ${i + 1} (:${port})`,
      command: process.execPath,
      args: [path.join(BENCH, "floor-server.mjs")],
      cwd: ROOT,
      logFile: logFile(`floor-${i + 1}`),
      env: { ...process.env, DATABASE_URL: floorUrl, PORT: String(port), DATABASE_POOL_SIZE: config.poolSize },
    }),
  );
  for (const server of floors) benchmarkGroups.add(server.child.pid);
  await Promise.all(floors.map((server, i) => waitForHttp(`${floorUrls[i]}/health`, server)));
  await measure(setupResult, "floor", { urls: floorUrls, keyPrefix: `floor-${runId}` });
  await Promise.all(floors.map((server) => server.stop()));

  setupResult.finishedAt = new Date().toISOString();
  console.log(`\n${setup.title}\n${setupTable(setupResult)}`);
  return setupResult;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const runId = `${startedAt.getTime().toString(36)}_${process.pid}`;
  const resultsFolder = path.join(BENCH, "results");
  const logFolder = path.join(resultsFolder, `${stamp}-logs`);
  fs.mkdirSync(logFolder, { recursive: true });
  const scratch = sqliteFolder();

  const report = {
    startedAt: startedAt.toISOString(),
    config: {
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      connections: config.connections,
      databasePoolSize: Number(config.poolSize),
      listPath: LIST_PATH,
    },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 1e9),
      node: process.version,
      loadAverageAtStart: loadAverage(),
    },
    skipped: [],
    setups: [],
  };
  console.log(
    `bench:api — ${config.connections} connections, ${config.durationSeconds} s per scenario, ` +
      `${report.machine.cpus} CPUs, load average ${report.machine.loadAverageAtStart.join(" / ")}`,
  );
  if (report.machine.loadAverageAtStart[0] > 1) {
    console.log("  (the machine is busy: figures will be lower and noisier than on a quiet one)");
  }

  for (let offset = 0; offset < 4; offset++) await assertPortFree(config.firstPort + offset);

  let setups = options.only;
  if (setups.some((key) => SETUPS[key].database === "postgresql")) {
    const problem = await postgresProblem(config.postgresUrl);
    if (problem) {
      const skipped = setups.filter((key) => SETUPS[key].database === "postgresql");
      report.skipped.push(...skipped.map((key) => ({ setup: key, reason: problem })));
      setups = setups.filter((key) => SETUPS[key].database !== "postgresql");
      console.log(
        `\nPostgreSQL is not reachable at ${redact(config.postgresUrl)} (${problem}); skipping ${skipped.join(", ")}.\n` +
          "To include it: install and start PostgreSQL (Debian: apt-get install postgresql && pg_ctlcluster 15 main start),\n" +
          "create a role that may create databases (sudo -u postgres psql -c \"CREATE ROLE slipcase LOGIN PASSWORD 'slipcase' CREATEDB\"),\n" +
          "or point BENCH_POSTGRES_URL at one. The benchmark creates and drops its own bench_* databases.",
      );
    }
  }

  buildApp({
    root: ROOT,
    distDir: DIST_DIR,
    logFile: path.join(logFolder, "build.log"),
    databaseUrl: `file:${path.join(scratch, "build.db")}`,
    reuseExisting: options.skipBuild,
  });

  for (const key of setups) report.setups.push(await runSetup(key, { runId, logFolder, scratch }));

  report.finishedAt = new Date().toISOString();
  report.machine.loadAverageAtEnd = loadAverage();
  const resultFile = path.join(resultsFolder, `${stamp}.json`);
  fs.writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nMarkdown for the README:\n\n${markdown(report)}\n`);
  console.log(`Results: ${path.relative(ROOT, resultFile)}; server logs: ${path.relative(ROOT, logFolder)}/`);
  const failed = report.setups.flatMap((setup) =>
    Object.entries(setup.scenarios)
      .filter(([, result]) => failuresOf(result) > 0)
      .map(([name, result]) => `${setup.title} / ${name}: ${failuresOf(result)}`),
  );
  if (failed.length > 0) {
    console.error(`\nErrors must be zero, but: ${failed.join("; ")}`);
    process.exitCode = 1;
  }
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping servers and dropping the benchmark's databases …`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  if (!interrupted) console.error(`\nbench:api failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanupAll();
}
