// The per-table report db:copy prints when it is done. Pure.
import type { CopyReport } from "@/tools/db-copy/copy-database";
import { describeDatabase } from "@/tools/db-copy/database-url";

const count = (n: number) => n.toLocaleString("en-US");

export function formatReport(report: CopyReport): string {
  const width = Math.max("table".length, "total".length, ...report.tables.map((t) => t.table.length));
  const line = (name: string, source: string, target: string, status: string) =>
    `${name.padEnd(width)}  ${source.padStart(12)}  ${target.padStart(12)}  ${status}`;
  const sourceTotal = report.tables.reduce((sum, t) => sum + t.sourceRows, 0);
  const events = report.chains.reduce((sum, chain) => sum + chain.events, 0);
  const intact = report.chains.every((chain) => chain.ok);
  const seconds = report.copyMilliseconds / 1000;
  return [
    `Copied ${describeDatabase(report.from)} into ${describeDatabase(report.to)}.`,
    "",
    line("table", "source rows", "target rows", ""),
    ...report.tables.map((t) =>
      line(t.table, count(t.sourceRows), count(t.targetRows), t.sourceRows === t.targetRows ? "ok" : "DIFFERS"),
    ),
    line("total", count(sourceTotal), count(report.rows), sourceTotal === report.rows ? "ok" : "DIFFERS"),
    "",
    `Audit chains on the target: ${count(report.chains.length)} merchant(s), ${count(events)} events, ${intact ? "all intact" : "BROKEN"}.`,
    `Copied ${count(report.rows)} rows in ${seconds.toFixed(1)} s (${count(Math.round(report.rows / Math.max(seconds, 0.001)))} rows/s); ${(report.totalMilliseconds / 1000).toFixed(1)} s in all, with migrating and verifying.`,
  ].join("\n");
}
