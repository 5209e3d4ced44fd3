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
import { redact } from "./lib/databases.mjs";
import { loadAverage, parseInProcessArguments, runChild, writeResults } from "./lib/in-process.mjs";
import { runBench } from "./lib/processes.mjs";

const TARGET_P95_MS = 150;

async function main() {
  const options = parseInProcessArguments(process.argv.slice(2), {
    runs: 20,
    defaultUrls: {
      postgres: "postgresql://slipcase:slipcase@localhost:5432/slipcase_dash_scale",
      sqlite: "file:/tmp/alerts-scale.db",
    },
    flags: { "--write": "write" },
    helpOf: import.meta.url,
  });
  const database = options.postgres ? "PostgreSQL" : "SQLite";
  const before = loadAverage();
  console.log(`bench:alerts on ${database} ${redact(options.databaseUrl)}; load average ${before}`);
  const extra = options.postgres && !options.write ? ["--no-write"] : [];
  const results = await runChild("bench-alerts.ts", options, extra, (result) => {
    console.log(
      `${result.label.padEnd(80)} p50 ${String(result.p50).padStart(7)} ms  p95 ${String(result.p95).padStart(7)} ms`,
    );
  });
  const after = loadAverage();
  console.log(`\nLoad average after: ${after}`);
  console.log(`\n| part | p50 (ms) | p95 (ms) |\n| --- | ---: | ---: |`);
  for (const result of results) console.log(`| ${result.label} | ${result.p50} | ${result.p95} |`);
  const whole = results.filter((result) => result.label.startsWith("whole evaluation"));
  for (const result of whole) {
    const verdict = result.p95 <= TARGET_P95_MS ? "under" : "OVER";
    console.log(`${result.label}: p95 ${result.p95} ms, ${verdict} the ${TARGET_P95_MS} ms target.`);
  }
  writeResults("alerts", {
    database,
    databaseUrl: redact(options.databaseUrl),
    loadAverageBefore: before,
    loadAverageAfter: after,
    wrote: !options.postgres || options.write,
    runs: options.runs,
    warmup: options.warmup,
    results,
  });
}

await runBench("bench:alerts", main);
