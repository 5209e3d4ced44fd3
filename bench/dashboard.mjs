// npm run bench:dashboard — times every query of the risk dashboard (issue 10) on a database filled
// by `npm run seed:scale -- --incidents 1000000 --transactions 5000000`: each part of getDashboard
// (the context, incidents by kind/cause/day with money and time to close, the open cases, the
// rates per 1,000 POS lines, the training gaps) and the whole, for admin (every store: the
// summaries; one and ten stores: counted from the incidents), finance and a supervisor, over 30,
// 90, 365 and 731 days; then the incident list's filters and searches (bench:lists's API queries).
// In one process (scripts/bench-dashboard.ts), one call at a time: after the warm-up, --runs calls
// per query; prints p50/p95 per query and writes bench/results/dashboard-<time>.json. The targets
// (issue 10): p95 under 150 ms for every query on SQLite; the whole dashboard (its five queries one
// after another) "renders in well under a second". A benchmark, not a test.
//
//   npm run bench:dashboard -- --database-url file:/tmp/scale.db
//   npm run bench:dashboard -- --postgres --database-url postgresql://…/slipcase_scale
//   --runs N (30)  --warmup N (3)  --only TEXT (the queries whose label contains TEXT)
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
/** The whole getDashboard: every query of the page in a row. */
const WHOLE_TARGET_P95_MS = 1000;
const targetOf = (result) => (result.label.endsWith("whole getDashboard") ? WHOLE_TARGET_P95_MS : TARGET_P95_MS);

function parseArguments(argv) {
  const options = { postgres: false, databaseUrl: null, runs: 30, warmup: 3, only: null };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--postgres") options.postgres = true;
    else if (name === "--database-url") options.databaseUrl = value();
    else if (name === "--runs") options.runs = Number(value());
    else if (name === "--warmup") options.warmup = Number(value());
    else if (name === "--only") options.only = value();
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  options.databaseUrl ??= options.postgres
    ? "postgresql://slipcase:slipcase@localhost:5432/slipcase_scale"
    : "file:/tmp/scale.db";
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
  console.log(`bench:dashboard on ${database} ${redact(options.databaseUrl)}; load average ${loadAverage()}`);
  const args = ["--conditions=react-server", path.join(ROOT, "scripts", "bench-dashboard.ts")];
  args.push("--runs", String(options.runs), "--warmup", String(options.warmup));
  if (options.only) args.push("--only", options.only);
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
      const flag = result.p95 > targetOf(result) ? `  over ${targetOf(result)} ms` : "";
      console.log(
        `${result.role.padEnd(10)} ${result.label.padEnd(96)} p50 ${String(result.p50).padStart(7)} ms  p95 ${String(result.p95).padStart(7)} ms${flag}`,
      );
    }
  });
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`scripts/bench-dashboard.ts exited with ${code}`);
  const after = loadAverage();
  console.log(`\nLoad average after: ${after}`);
  console.log(`\n| role | query | p50 (ms) | p95 (ms) |\n| --- | --- | ---: | ---: |`);
  for (const result of results) console.log(`| ${result.role} | ${result.label} | ${result.p50} | ${result.p95} |`);
  const queries = results.filter((result) => targetOf(result) === TARGET_P95_MS);
  const wholes = results.filter((result) => targetOf(result) === WHOLE_TARGET_P95_MS);
  const under = (list, target) => list.filter((result) => result.p95 <= target).length;
  console.log(`\n${under(queries, TARGET_P95_MS)} of ${queries.length} queries with p95 under ${TARGET_P95_MS} ms.`);
  console.log(
    `${under(wholes, WHOLE_TARGET_P95_MS)} of ${wholes.length} whole dashboards with p95 under ${WHOLE_TARGET_P95_MS} ms` +
      ` (slowest p95 ${Math.max(0, ...wholes.map((result) => result.p95))} ms).`,
  );
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `dashboard-${new Date().toISOString().replaceAll(":", "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      { database, databaseUrl: redact(options.databaseUrl), loadAverageAfter: after, runs: options.runs, results },
      null,
      2,
    ),
  );
  console.log(`Results: ${path.relative(ROOT, file)}`);
}

await runBench("bench:dashboard", main);
