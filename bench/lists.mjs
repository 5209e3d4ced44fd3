// npm run bench:lists — times the incident lists, search, the incident page and /finance of the
// production build over HTTP, signed in as an admin (all stores), a supervisor (one store) and
// finance, on a database filled by `npm run seed:scale`. One request at a time: after a warm-up,
// RUNS sequential requests per query; prints p50/p95 per query and a Markdown table, and writes
// bench/results/lists-<timestamp>.json. A benchmark, not a test: it fails only when a request
// does not answer 200.
//
//   npm run bench:lists -- --database-url file:/tmp/scale.db          an already seeded database
//   npm run bench:lists -- --database postgresql --database-url postgresql://…/slipcase_scale
//   npm run bench:lists -- --database postgresql --incidents 1000000  seeds a bench_ database first
//                                                                     (and drops it at the end)
//   --skip-build reuses the last .next-bench build (shared with bench:api); --dist-dir .next-x builds
//   into (or reuses) a folder of one's own instead; --runs N (30); --warmup N (5); --port N (3310);
//   --only TEXT times just the queries whose label contains TEXT (e.g. --only page:).
//
// Run it under `flock /tmp/slipcase-bench.lock` on a shared machine; the load average is printed
// beside the figures.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { buildApp } from "./lib/build.mjs";
import { createPostgresDatabase, DEFAULT_POSTGRES_URL, redact, sqliteFolder } from "./lib/databases.mjs";
import { assertPortFree, runBench, startServer, waitForHttp } from "./lib/processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const DEFAULT_DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
const PASSWORD = process.env.SCALE_PASSWORD || process.env.DEMO_PASSWORD || "slipcase-demo-2026";

function parseArguments(argv) {
  const options = {
    database: "sqlite",
    databaseUrl: null,
    incidents: 1_000_000,
    runs: 30,
    warmup: 5,
    port: 3310,
    distDir: DEFAULT_DIST_DIR,
    skipBuild: process.env.BENCH_SKIP_BUILD === "1",
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--database") options.database = value();
    else if (name === "--database-url") options.databaseUrl = value();
    else if (name === "--incidents") options.incidents = Number(value());
    else if (name === "--runs") options.runs = Number(value());
    else if (name === "--warmup") options.warmup = Number(value());
    else if (name === "--port") options.port = Number(value());
    else if (name === "--skip-build") options.skipBuild = true;
    else if (name === "--dist-dir") options.distDir = value();
    else if (name === "--only") options.only = value();
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  if (options.database === "postgres" || options.database === "pg") options.database = "postgresql";
  if (!["sqlite", "postgresql"].includes(options.database)) throw new Error("--database is sqlite or postgresql.");
  if (options.databaseUrl?.startsWith("postgres")) options.database = "postgresql";
  if (!/^\.next[\w-]*$/.test(options.distDir)) throw new Error("--dist-dir is a folder like .next-mine.");
  return options;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Values to search for and filter by, read from the seeded database. */
async function sampleValues(databaseUrl) {
  const sql = {
    sample: `SELECT i."id", i."number", i."rrn", i."storeId", t."tid" FROM "Incident" i JOIN "Terminal" t ON t."id" = i."terminalId"
             WHERE i."storeId" = 'store-001' ORDER BY i."createdAt" DESC LIMIT 1 OFFSET 40`,
    other: `SELECT i."id", i."number", i."rrn", i."storeId" FROM "Incident" i
            WHERE i."storeId" = (SELECT max("id") FROM "Store") ORDER BY i."createdAt" LIMIT 1 OFFSET 200`,
    newest: `SELECT max("createdAt") AS "newest" FROM "Incident"`,
  };
  let rows;
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    rows = Object.fromEntries(Object.entries(sql).map(([key, text]) => [key, db.prepare(text).get()]));
    db.close();
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    rows = {};
    for (const [key, text] of Object.entries(sql)) rows[key] = (await client.query(text)).rows[0];
    await client.end();
  }
  if (!rows.sample || !rows.other)
    throw new Error("The database has no store-001 incidents: fill it with npm run seed:scale.");
  const newest = new Date(rows.newest.newest);
  const day = (offsetDays) => new Date(newest.getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);
  return { ...rows, day };
}

function queriesFor(values) {
  const reference = (number) => `INC-${String(number).padStart(6, "0")}`;
  const list = (params) => `/api/incidents?${new URLSearchParams(params).toString()}`;
  const { sample, other, day } = values;
  return {
    admin: [
      ["list: default (newest first)", list({})],
      ["list: work queue (actionable, soonest due)", list({ actionable: "true", sort: "due" })],
      ["list: sort due, all statuses", list({ sort: "due" })],
      ["list: sort oldest", list({ sort: "oldest" })],
      ["list: next page (cursor)", "cursor:admin"],
      ["list: status OPEN", list({ status: "OPEN" })],
      ["list: status IN_PROGRESS", list({ status: "IN_PROGRESS" })],
      ["list: status CLOSED", list({ status: "CLOSED" })],
      ["list: kind pin_error", list({ kind: "pin_error" })],
      ["list: kind suspected_fraud (rarest)", list({ kind: "suspected_fraud" })],
      ["list: store", list({ storeId: other.storeId })],
      ["list: overdue true", list({ overdue: "true" })],
      ["list: overdue false", list({ overdue: "false" })],
      ["list: from/to one day, 3 months ago", list({ from: day(90), to: day(90) })],
      ["list: from 7 days ago", list({ from: day(7) })],
      ["list: to 1 day ago", list({ to: day(1) })],
      ["list: status OPEN + store", list({ status: "OPEN", storeId: other.storeId })],
      ["list: kind + overdue", list({ kind: "wrong_amount", overdue: "true" })],
      ["list: status + kind + from", list({ status: "CLOSED", kind: "unsigned_slip", from: day(30) })],
      ["search: reference", list({ q: reference(other.number) })],
      ["search: RRN (12 digits)", list({ q: other.rrn })],
      ["search: RRN, last 6 digits", list({ q: other.rrn.slice(-6) })],
      ["search: terminal ID", list({ q: sample.tid })],
      ["search: English words (charged twice)", list({ q: "charged twice" })],
      ["search: Chinese word, 4 chars (重复扣款)", list({ q: "重复扣款" })],
      ["search: Chinese word, 2 chars (签名)", list({ q: "签名" })],
      ["search: rare Chinese word, 2 chars (保安)", list({ q: "保安" })],
      ["search: rare English word (chargeback)", list({ q: "chargeback" })],
      ["search: no match (zzzzz)", list({ q: "zzzzz" })],
      ["search + status + store", list({ q: "签名", status: "CLOSED", storeId: other.storeId })],
      ["incident: GET /api/incidents/{id}", `/api/incidents/${other.id}`],
      ["page: /incidents/{id}", `/incidents/${other.id}`],
      ["page: /incidents", "/incidents"],
      ["page: /incidents?q=签名", `/incidents?${new URLSearchParams({ q: "签名" })}`],
      ["page: /finance", "/finance"],
    ],
    supervisor: [
      ["list: default (one store)", list({})],
      ["list: work queue (actionable, soonest due)", list({ actionable: "true", sort: "due" })],
      ["list: next page (cursor)", "cursor:supervisor"],
      ["list: status OPEN", list({ status: "OPEN" })],
      ["list: overdue true", list({ overdue: "true" })],
      ["search: RRN", list({ q: sample.rrn })],
      ["search: Chinese word, 2 chars (签名)", list({ q: "签名" })],
      ["search: English words (charged twice)", list({ q: "charged twice" })],
      ["incident: GET /api/incidents/{id}", `/api/incidents/${sample.id}`],
      ["page: /incidents", "/incidents"],
      ["page: /incidents/{id}", `/incidents/${sample.id}`],
    ],
    finance: [
      ["list: default (all stores)", list({})],
      ["list: work queue (actionable, soonest due)", list({ actionable: "true", sort: "due" })],
      ["list: overdue true", list({ overdue: "true" })],
      ["search: reference", list({ q: reference(sample.number) })],
      ["page: /finance", "/finance"],
      ["page: /incidents", "/incidents"],
    ],
  };
}

const USERS = { admin: "admin@scale.test", supervisor: "supervisor-001@scale.test", finance: "finance-1@scale.test" };

async function signIn(baseUrl, email) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`Sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timeQuery({ baseUrl, cookie, path: requestPath, runs, warmup }) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${requestPath}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      throw new Error(`${requestPath} answered ${response.status}: ${body.slice(0, 300)}`);
    }
    return { ms, body };
  };
  for (let i = 0; i < warmup; i++) await once();
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await once();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  let items = null;
  try {
    items = JSON.parse(last.body).items?.length ?? null;
  } catch {
    // a page, not JSON
  }
  // The answer's size: a page's HTML (with its inline RSC payload) or the JSON, in bytes.
  const bytes = Buffer.byteLength(last.body);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1), items, bytes };
}

/** Seeds a fresh database with seed:scale (when no --database-url is given). */
async function seededDatabase(options, scratch) {
  const url =
    options.database === "postgresql"
      ? await createPostgresDatabase(
          process.env.BENCH_POSTGRES_URL || DEFAULT_POSTGRES_URL,
          `bench_lists_${Date.now().toString(36)}`,
        )
      : `file:${path.join(scratch, "scale.db")}`;
  console.log(
    `Seeding ${redact(url)} with ${options.incidents.toLocaleString("en-US")} incidents (npm run seed:scale) …`,
  );
  const result = spawnSync(
    TSX_BIN,
    ["--conditions=react-server", "scripts/seed-scale.ts", "--incidents", String(options.incidents)],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error("seed:scale failed");
  return url;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const scratch = sqliteFolder();
  const startedAt = new Date();
  console.log(`bench:lists — ${os.cpus().length} CPUs, load average ${loadAverage().join(" / ")}`);
  await assertPortFree(options.port);
  const databaseUrl = options.databaseUrl ?? (await seededDatabase(options, scratch));
  buildApp({
    root: ROOT,
    distDir: options.distDir,
    logFile: path.join(scratch, "build.log"),
    databaseUrl: `file:${path.join(scratch, "build.db")}`,
    reuseExisting: options.skipBuild,
  });

  const baseUrl = `http://localhost:${options.port}`;
  const server = startServer({
    name: `app (:${options.port})`,
    command: process.execPath,
    args: [NEXT_BIN, "start", "-p", String(options.port)],
    cwd: ROOT,
    logFile: path.join(scratch, "app.log"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PORT: String(options.port),
      BETTER_AUTH_URL: baseUrl,
      BETTER_AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    },
  });
  await waitForHttp(`${baseUrl}/api/health`, server);
  const values = await sampleValues(databaseUrl);
  const queries = queriesFor(values);
  const results = [];
  console.log(
    `App up on ${redact(databaseUrl)}; ${options.warmup} warm-up + ${options.runs} timed requests per query.\n`,
  );
  for (const [role, list] of Object.entries(queries)) {
    const cookie = await signIn(baseUrl, USERS[role]);
    for (const [label, target] of list) {
      if (options.only && !label.includes(options.only)) continue;
      let requestPath = target;
      if (target.startsWith("cursor:")) {
        const first = await (await fetch(`${baseUrl}/api/incidents`, { headers: { cookie } })).json();
        if (!first.nextCursor) throw new Error(`No next page for ${role}`);
        requestPath = `/api/incidents?cursor=${encodeURIComponent(first.nextCursor)}`;
      }
      const result = await timeQuery({
        baseUrl,
        cookie,
        path: requestPath,
        runs: options.runs,
        warmup: options.warmup,
      });
      results.push({ role, label, path: requestPath, ...result });
      console.log(
        `${role.padEnd(10)} ${label.padEnd(44)} p50 ${result.p50.toFixed(1).padStart(7)} ms  p95 ${result.p95
          .toFixed(1)
          .padStart(7)} ms  ${(result.bytes / 1024).toFixed(0).padStart(4)} KB${
          result.items === null ? "" : `  (${result.items} items)`
        }`,
      );
    }
  }
  await server.stop();

  const report = {
    startedAt: startedAt.toISOString(),
    database: options.database,
    databaseUrl: redact(databaseUrl),
    runs: options.runs,
    warmup: options.warmup,
    machine: { cpus: os.cpus().length, node: process.version, loadAverageAtEnd: loadAverage() },
    results,
  };
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `lists-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const slowest = Math.max(...results.map((r) => r.p95));
  console.log(
    `\n| Role | Query | p50 (ms) | p95 (ms) | KB |\n| --- | --- | ---: | ---: | ---: |\n${results
      .map(
        (r) =>
          `| ${r.role} | ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} |`,
      )
      .join("\n")}\n\nSlowest p95: ${slowest.toFixed(1)} ms; load average at the end ${loadAverage().join(" / ")}.`,
  );
  console.log(`Results: ${path.relative(ROOT, file)}`);
}

await runBench("bench:lists", main);
