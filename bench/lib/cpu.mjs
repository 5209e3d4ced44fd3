// Where the CPU went during a scenario, from /proc (Linux): the benchmark's own processes (the
// servers' process groups and the load generator), PostgreSQL's, and everything else — the
// "everything else" share says how much other work on the machine disturbed the figures, which
// the load average (it counts the benchmark's own busy processes too) cannot say.
import fs from "node:fs";
import os from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux build

function readProcesses() {
  const processes = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name is in parentheses and may itself contain spaces or parentheses.
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      processes.push({
        pid: Number(entry),
        name,
        group: Number(fields[2]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // exited while we looked
    }
  }
  return processes;
}

function busyTicks() {
  const [, ...values] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  return {
    busy: user + nice + system + irq + softirq + steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

/** A snapshot to compare against later; null where /proc is not available. */
export function cpuSnapshot() {
  try {
    return { at: Date.now(), machine: busyTicks(), processes: readProcesses() };
  } catch {
    return null;
  }
}

/**
 * Shares of the machine's CPU capacity (all cores = 100 %) between two snapshots. groups: the
 * process groups of the benchmark's servers; extraSeconds: CPU time of processes that ran and
 * exited in between (the load generator reports its own).
 */
export function cpuShares(before, after, { groups, extraSeconds = 0 }) {
  if (!before || !after) return null;
  const capacityTicks = after.machine.total - before.machine.total;
  if (capacityTicks <= 0) return null;
  const earlier = new Map(before.processes.map((p) => [p.pid, p.ticks]));
  let benchmark = extraSeconds * TICKS_PER_SECOND;
  let postgres = 0;
  for (const p of after.processes) {
    const used = p.ticks - (earlier.get(p.pid) ?? 0);
    if (groups.has(p.group)) benchmark += used;
    else if (p.name === "postgres") postgres += used;
  }
  const busy = after.machine.busy - before.machine.busy;
  const percent = (ticks) => Math.round((1000 * ticks) / capacityTicks) / 10;
  return {
    cores: os.cpus().length,
    busyPercent: percent(busy),
    benchmarkPercent: percent(benchmark),
    postgresPercent: percent(postgres),
    otherPercent: percent(Math.max(0, busy - benchmark - postgres)),
  };
}
