// Tables for the benchmark: a plain-text table per setup while it runs, and one Markdown table of
// every setup at the end, ready to paste into the README.

export const SCENARIO_LABELS = {
  create: "create (POST /api/incidents)",
  list: "list (GET /api/incidents, 2 filters)",
  steps: "step completion (POST …/steps/{next})",
  health: "health (GET /api/health)",
  floor: "floor (node:http + driver)",
};
const ORDER = ["create", "list", "steps", "health", "floor"];

const whole = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const ms = (n) => (Number.isFinite(n) ? String(n) : "–");
const ratio = (n) => (Number.isFinite(n) ? n.toFixed(2) : "–");

/** Non-2xx answers plus connection errors and timeouts: what must be zero. */
export function failuresOf(result) {
  return result.non2xx + result.errors;
}

export function ratiosOf(setup) {
  const create = setup.scenarios.create?.requestsPerSecond;
  return {
    createToHealth: create / setup.scenarios.health?.requestsPerSecond,
    createToFloor: create / setup.scenarios.floor?.requestsPerSecond,
  };
}

function pad(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
        )
        .join("  "),
    )
    .join("\n");
}

export function setupTable(setup) {
  const rows = [
    ["scenario", "req/s", "p50 ms", "p99 ms", "non-2xx+errors", "load 1m before→after", "CPU: bench/pg/other"],
  ];
  for (const name of ORDER) {
    const result = setup.scenarios[name];
    if (!result) continue;
    rows.push([
      SCENARIO_LABELS[name],
      whole(result.requestsPerSecond),
      ms(result.latency.p50),
      ms(result.latency.p99),
      failuresOf(result),
      `${result.loadAverage.before.toFixed(2)}→${result.loadAverage.after.toFixed(2)}`,
      result.cpu ? `${result.cpu.benchmarkPercent}/${result.cpu.postgresPercent}/${result.cpu.otherPercent} %` : "–",
    ]);
  }
  const { createToHealth, createToFloor } = ratiosOf(setup);
  return (
    `${pad(rows)}\ncreate ÷ health = ${ratio(createToHealth)}   create ÷ floor = ${ratio(createToFloor)}\n` +
    "(CPU: share of all cores used by the benchmark's servers and load generator / PostgreSQL / anything else)"
  );
}

/** The largest share of CPU that work outside the benchmark took during any one scenario. */
function mostOtherCpu(report) {
  const shares = report.setups.flatMap((setup) =>
    Object.values(setup.scenarios).map((result) => result.cpu?.otherPercent ?? Number.NaN),
  );
  return shares.length > 0 ? Math.max(...shares) : Number.NaN;
}

export function markdown(report) {
  const lines = [
    `${report.config.connections} connections, ${report.config.durationSeconds} s per scenario (after a ${report.config.warmupSeconds} s warm-up), ` +
      `autocannon in a separate process; ${report.machine.cpus} CPUs, Node ${report.machine.node}; ` +
      `load average before the run ${report.machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(" / ")}` +
      (Number.isFinite(mostOtherCpu(report))
        ? `; other work on the machine used at most ${mostOtherCpu(report)} % of the CPU during any scenario.`
        : "."),
    "",
    "| Setup | Scenario | req/s | p50 (ms) | p99 (ms) | non-2xx + errors |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
  ];
  for (const setup of report.setups) {
    for (const name of ORDER) {
      const result = setup.scenarios[name];
      if (!result) continue;
      const label = name === "floor" ? `floor (node:http + ${setup.driver})` : SCENARIO_LABELS[name];
      lines.push(
        `| ${setup.title} | ${label} | ${whole(result.requestsPerSecond)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${failuresOf(result)} |`,
      );
    }
  }
  lines.push("", "| Setup | create ÷ health | create ÷ floor |", "| --- | ---: | ---: |");
  for (const setup of report.setups) {
    const { createToHealth, createToFloor } = ratiosOf(setup);
    lines.push(`| ${setup.title} | ${ratio(createToHealth)} | ${ratio(createToFloor)} |`);
  }
  return lines.join("\n");
}
