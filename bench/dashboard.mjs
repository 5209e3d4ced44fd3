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
import { redact } from "./lib/databases.mjs";
import { loadAverage, parseInProcessArguments, runChild, writeResults } from "./lib/in-process.mjs";
import { runBench } from "./lib/processes.mjs";

const TARGET_P95_MS = 150;
/** The whole getDashboard: every query of the page in a row. */
const WHOLE_TARGET_P95_MS = 1000;
const targetOf = (result) => (result.label.endsWith("whole getDashboard") ? WHOLE_TARGET_P95_MS : TARGET_P95_MS);

async function main() {
  const options = parseInProcessArguments(process.argv.slice(2), {
    runs: 30,
    defaultUrls: {
      postgres: "postgresql://slipcase:slipcase@localhost:5432/slipcase_scale",
      sqlite: "file:/tmp/scale.db",
    },
    helpOf: import.meta.url,
  });
  const database = options.postgres ? "PostgreSQL" : "SQLite";
  console.log(`bench:dashboard on ${database} ${redact(options.databaseUrl)}; load average ${loadAverage()}`);
  const results = await runChild("bench-dashboard.ts", options, [], (result) => {
    const flag = result.p95 > targetOf(result) ? `  over ${targetOf(result)} ms` : "";
    console.log(
      `${result.role.padEnd(10)} ${result.label.padEnd(96)} p50 ${String(result.p50).padStart(7)} ms  p95 ${String(result.p95).padStart(7)} ms${flag}`,
    );
  });
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
  writeResults("dashboard", {
    database,
    databaseUrl: redact(options.databaseUrl),
    loadAverageAfter: after,
    runs: options.runs,
    results,
  });
}

await runBench("bench:dashboard", main);
