// npm run bench:alerts — times one alert evaluation (the alerts.evaluate job's work for one
// merchant, lib/alerts/evaluate.ts; issue 10's alert rules) on a database filled by
// `npm run seed:scale -- --incidents 1000000 --transactions 5000000`: the rules, each fact-loading
// read, each rule over the facts, the comparison with the merchant's alerts, and the whole
// evaluation after an incident change and after an import. In one process
// (scripts/bench-alerts.ts), one call at a time: after the warm-up, --runs calls per part; prints
// p50/p95 per part and writes bench/results/alerts-<time>.json. Each incident create queues an
// evaluation, so on a busy chain this runs all day: the target is p95 well under 150 ms for the
// whole on SQLite. A benchmark, not a test.
//
//   npm run bench:alerts -- --database-url file:/tmp/alerts-scale.db   (a COPY: it raises alerts)
//   npm run bench:alerts -- --postgres --database-url postgresql://…/slipcase_dash_scale
//   --runs N (20)  --warmup N (3)  --only TEXT (the parts whose label contains TEXT)
//   --write (PostgreSQL: run the whole evaluation as the job does, on a copy made with
//            CREATE DATABASE … TEMPLATE slipcase_dash_scale)
//
// On SQLite the whole evaluation writes as the job does (its alerts are raised in the warm-up). On
// PostgreSQL, unless --write, nothing is written: the whole evaluation is timed as its reads, each in
// a transaction rolled back, so a shared scale database is only read.
//
// Run it under `flock /tmp/slipcase-bench.lock` on a shared machine: the load average is printed
// beside the figures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { redact } from "./lib/databases.mjs";
import { onCleanup, runBench } from "./lib/processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
const TARGET_P95_MS = 150;

function parseArguments(argv) {
  const options = { postgres: false, databaseUrl: null, runs: 20, warmup: 3, only: null, write: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--postgres") options.postgres = true;
    else if (name === "--database-url") options.databaseUrl = value();
    else if (name === "--runs") options.runs = Number(value());
    else if (name === "--warmup") options.warmup = Number(value());
    else if (name === "--only") options.only = value();
    else if (name === "--write") options.write = true;
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  options.databaseUrl ??= options.postgres
    ? "postgresql://slipcase:slipcase@localhost:5432/slipcase_dash_scale"
    : "file:/tmp/alerts-scale.db";
  if (options.postgres !== /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Error("--postgres goes with a postgresql:// --database-url, SQLite with a file: one.");
  }
  return options;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const database = options.postgres ? "PostgreSQL" : "SQLite";
  const before = loadAverage();
  console.log(`bench:alerts on ${database} ${redact(options.databaseUrl)}; load average ${before}`);
  const args = ["--conditions=react-server", path.join(ROOT, "scripts", "bench-alerts.ts")];
  args.push("--runs", String(options.runs), "--warmup", String(options.warmup));
  if (options.only) args.push("--only", options.only);
  if (options.postgres && !options.write) args.push("--no-write");
  const child = spawn(TSX_BIN, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  onCleanup(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  const results = [];
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) {
        if (line.trim()) console.log(line);
        continue;
      }
      const result = JSON.parse(line);
      results.push(result);
      console.log(
        `${result.label.padEnd(80)} p50 ${String(result.p50).padStart(7)} ms  p95 ${String(result.p95).padStart(7)} ms`,
      );
    }
  });
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`scripts/bench-alerts.ts exited with ${code}`);
  const after = loadAverage();
  console.log(`\nLoad average after: ${after}`);
  console.log(`\n| part | p50 (ms) | p95 (ms) |\n| --- | ---: | ---: |`);
  for (const result of results) console.log(`| ${result.label} | ${result.p50} | ${result.p95} |`);
  const whole = results.filter((result) => result.label.startsWith("whole evaluation"));
  for (const result of whole) {
    const verdict = result.p95 <= TARGET_P95_MS ? "under" : "OVER";
    console.log(`${result.label}: p95 ${result.p95} ms, ${verdict} the ${TARGET_P95_MS} ms target.`);
  }
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `alerts-${new Date().toISOString().replaceAll(":", "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        database,
        databaseUrl: redact(options.databaseUrl),
        loadAverageBefore: before,
        loadAverageAfter: after,
        wrote: !options.postgres || options.write,
        runs: options.runs,
        warmup: options.warmup,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`Results: ${path.relative(ROOT, file)}`);
}

await runBench("bench:alerts", main);
