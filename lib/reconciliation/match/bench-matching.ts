// Benchmark (not a test): matchTransactions on a synthetic million POS lines and a million
// statement lines. Run: npx tsx lib/reconciliation/match/bench-matching.ts [--rows 1000000] [--window-only]
// [--by-day | --by-day-alone]
// (--window-only drops rrn and trace no. from the statement, so every line goes through rule 3;
// --by-day matches a day at a time as the import job does, each with its neighbours' lines near
// midnight (matchDay); --by-day-alone a day at a time without them, as the job did before.)
// Run it under `flock /tmp/slipcase-bench.lock` on a shared machine and report /proc/loadavg.
import { readFileSync } from "node:fs";
import { mulberry32 } from "@/bench/lib/random.mjs";
import { cancellationLines } from "./cancellations";
import { wallClockSeconds } from "./local-time";
import { matchDay, midnightMarginSeconds, wallClockText } from "./match-day";
import type { MatchOptions, MatchResult, PosLine, StatementLine } from "./match-transactions";
import { matchTransactions } from "./match-transactions";

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const rows = process.argv.includes("--rows") ? Number(argument("--rows")) : 1_000_000;
const windowOnly = process.argv.includes("--window-only");
const mode = process.argv.includes("--by-day")
  ? "by-day"
  : process.argv.includes("--by-day-alone")
    ? "by-day-alone"
    : "all";

// Deterministic, so every run matches the same lines.
const next = mulberry32(20261130);
// Strings as a database driver hands them over: flat, one object per row and column. (Template
// literals of 13+ characters are rope strings in V8, slower to hash and compare than real input.)
const flat = (text: string) => Buffer.from(text, "latin1").toString("latin1");
const pad = (value: number, width: number) => String(value).padStart(width, "0");
const terminals = 2_000;
const pos: PosLine[] = [];
const statement: StatementLine[] = [];
for (let index = 0; index < rows; index++) {
  const terminal = index % terminals;
  const tid = flat(`T${pad(terminal, 7)}`);
  const day = 1 + Math.floor((index / rows) * 7);
  const seconds = Math.floor(next() * 86_400);
  const txAt = flat(
    `2026-11-${pad(day, 2)} ${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`,
  );
  const amountMinor = 100 + Math.floor(next() * 100_000);
  const rrn = flat(pad(index, 12));
  const traceNo = pad(Math.floor(index / terminals) % 1_000_000, 6);
  const batchNo = pad(day, 6);
  const roll = next();
  const cardMasked = flat(`622202******${pad(Math.floor(next() * 10_000), 4)}`);
  pos.push({
    id: index + 1,
    tid,
    txAt,
    cardMasked,
    txType: "sale",
    amountMinor,
    rrn,
    traceNo,
    batchNo,
    approved: roll > 0.01,
    signed: roll > 0.02,
    origRrn: null,
    origTrace: null,
  });
  // 1% of the till's lines never reach the statement, 1% settle at another amount, 1% of the
  // statement's lines have no till record.
  if (roll > 0.01 && roll < 0.02) continue;
  const settled = roll > 0.98 && roll < 0.99 ? amountMinor + 1 : amountMinor;
  statement.push({
    id: rows + index + 1,
    tid: flat(roll > 0.99 ? `X${pad(terminal, 7)}` : tid),
    txAt: flat(txAt),
    settleDate: `2026-11-${pad(day + 1, 2)}`,
    txType: "sale",
    amountMinor: settled,
    rrn: windowOnly ? null : flat(rrn),
    traceNo: windowOnly ? null : traceNo,
    batchNo: windowOnly ? null : batchNo,
    cardMasked: flat(cardMasked),
  });
}

/** The lines of each day, in id order. */
function byDay<Line extends { txAt: string }>(lines: Line[]): Map<string, Line[]> {
  const days = new Map<string, Line[]>();
  for (const line of lines) {
    const day = line.txAt.slice(0, 10);
    const list = days.get(day);
    if (list === undefined) days.set(day, [line]);
    else list.push(line);
  }
  return days;
}

/** A day at a time, as the import job matches (with or without the neighbours' lines near midnight). */
function matchByDay(pos: PosLine[], statement: StatementLine[], options: MatchOptions, alone: boolean): MatchResult {
  const posDays = byDay(pos);
  const statementDays = byDay(statement);
  const margin = midnightMarginSeconds(options);
  const result: MatchResult = { pos: [], statement: [], groups: [] };
  for (const day of [...new Set([...posDays.keys(), ...statementDays.keys()])].sort()) {
    let dayPos = posDays.get(day) ?? [];
    let dayStatement = statementDays.get(day) ?? [];
    if (!alone) {
      const start = wallClockSeconds(`${day} 00:00:00`);
      const from = wallClockText(start - margin);
      const to = wallClockText(start + 86_400 + margin);
      const eve = wallClockText(start - 86_400).slice(0, 10);
      const morrow = wallClockText(start + 86_400).slice(0, 10);
      const edges = <Line extends { txAt: string }>(days: Map<string, Line[]>) => [
        ...(days.get(eve) ?? []).filter((line) => line.txAt >= from),
        ...(days.get(morrow) ?? []).filter((line) => line.txAt < to),
      ];
      // And, as the job reads them, the neighbours' lines that decide cancellations with the day's.
      const edgePos = edges(posDays);
      const near = new Set(edgePos);
      const linked = (neighbour: string) =>
        cancellationLines([...(posDays.get(neighbour) ?? []), ...dayPos]).filter(
          (line) => line.txAt.startsWith(neighbour) && !near.has(line),
        );
      dayPos = [...dayPos, ...edgePos, ...linked(eve), ...linked(morrow)];
      dayStatement = [...dayStatement, ...edges(statementDays)];
    }
    const matched = alone
      ? matchTransactions(dayPos, dayStatement, options)
      : matchDay(day, dayPos, dayStatement, options);
    result.pos.push(...matched.pos);
    result.statement.push(...matched.statement);
    result.groups.push(...matched.groups);
  }
  return result;
}

const options = { windowMinutes: 10, duplicateWindowSeconds: 120, today: "2026-12-01", settleLagDays: 1 };
const match = (somePos: PosLine[], someStatement: StatementLine[]) =>
  mode === "all"
    ? matchTransactions(somePos, someStatement, options)
    : matchByDay(somePos, someStatement, options, mode === "by-day-alone");
match(pos.slice(0, 20_000), statement.slice(0, 20_000)); // warm the JIT
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const result = match(pos, statement);
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
// CPU time (all threads, the GC's included) next to wall time: on a shared machine the wall time
// also counts the time other processes held the cores.
const cpu = process.cpuUsage(cpuBefore);

const counts: Record<string, number> = {};
for (const outcome of [...result.pos, ...result.statement])
  counts[outcome.category] = (counts[outcome.category] ?? 0) + 1;
console.log(
  JSON.stringify({
    posLines: pos.length,
    statementLines: statement.length,
    windowOnly,
    mode,
    elapsedMs: Math.round(elapsedMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    groups: result.groups.length,
    counts,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    loadavg: readFileSync("/proc/loadavg", "utf8").trim(),
  }),
);
