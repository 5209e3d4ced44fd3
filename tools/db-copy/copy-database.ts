// Copies a whole Slipcase database into an empty one (SQLite or PostgreSQL, either direction):
// migrate the target, refuse it unless empty, copy every table in foreign-key order inside one
// transaction, compare row counts before committing, then verify every audit chain on the target.
import "server-only";
import fs from "node:fs";
import type { ChainReport } from "@/lib/audit/verify-chain-with";
import { type CopyDatabase, openDatabase } from "@/tools/db-copy/database";
import { type DatabaseLocation, describeDatabase } from "@/tools/db-copy/database-url";
import { CopyError, isCopyError, messageOf } from "@/tools/db-copy/errors";
import { migrateTarget } from "@/tools/db-copy/migrate-target";
import { isBookkeepingTable, type PlannedTable, planTables } from "@/tools/db-copy/plan-tables";
import { verifyAllChainsAt, verifyChainAt } from "@/tools/db-copy/verify-chains";

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  milliseconds: number;
}

export interface CopyReport {
  from: DatabaseLocation;
  to: DatabaseLocation;
  migrationsApplied: string[];
  tables: TableReport[];
  chains: ChainReport[];
  rows: number;
  /** The copy itself (reading, writing, counting, committing), without migrating and verifying chains. */
  copyMilliseconds: number;
  totalMilliseconds: number;
}

export interface CopyDatabaseOptions {
  from: DatabaseLocation;
  to: DatabaseLocation;
  batchSize: number;
  /** One line per step, for the operator; never row contents. */
  onProgress?: (line: string) => void;
}

export async function copyDatabase({
  from,
  to,
  batchSize,
  onProgress = () => {},
}: CopyDatabaseOptions): Promise<CopyReport> {
  const started = performance.now();
  const source = await openDatabase(from, "read");
  let target: CopyDatabase | undefined;
  try {
    // Checked before migrating too, so a database that holds data is not even migrated.
    const before = await existingTarget(to);
    if (before) {
      try {
        await refuseUnlessEmpty(to, before);
      } finally {
        await before.close();
      }
    }
    const migrationsApplied = await migrateTarget({ location: to });
    onProgress(
      migrationsApplied.length > 0
        ? `Migrated the target: ${migrationsApplied.join(", ")}.`
        : "The target's schema is up to date.",
    );

    target = await openDatabase(to, "write");
    const plan = planTables({ source: await source.tables(), target: await target.tables() });
    await refuseUnlessEmpty(to, target);

    const copyStarted = performance.now();
    const writer = target;
    const tables = await source
      .snapshot(() =>
        writer.transaction(async () => {
          const reports: TableReport[] = [];
          for (const table of plan) {
            const report = await copyTable({ source, target: writer, table, batchSize });
            onProgress(
              `  ${table.name}: ${rowCount(report.targetRows)} in ${(report.milliseconds / 1000).toFixed(1)} s`,
            );
            reports.push(report);
          }
          return reports;
        }),
      )
      .catch((error: unknown) => {
        if (isCopyError(error)) throw error;
        throw new CopyError(`The copy failed and was rolled back (the target's tables are empty): ${messageOf(error)}`);
      });
    const copyMilliseconds = performance.now() - copyStarted;

    const chains = await verifyAllChainsAt(to);
    const broken = chains.filter((chain) => !chain.ok);
    if (broken.length > 0) {
      const details = await Promise.all(broken.map((chain) => describeBrokenChain(from, chain)));
      const emptied = await target.deleteAll(plan.map((table) => table.name).reverse()).then(
        () => "so the target was emptied again",
        (error: unknown) => `and emptying the target failed (${messageOf(error)}): empty or drop it by hand`,
      );
      throw new CopyError(`The audit chain does not verify on the target, ${emptied}:\n${details.join("\n")}`);
    }
    return {
      from,
      to,
      migrationsApplied,
      tables,
      chains,
      rows: tables.reduce((sum, table) => sum + table.targetRows, 0),
      copyMilliseconds,
      totalMilliseconds: performance.now() - started,
    };
  } finally {
    await source.close();
    await target?.close();
  }
}

/** The target as it is before migrating, or null when there is nothing there yet. */
async function existingTarget(to: DatabaseLocation): Promise<CopyDatabase | null> {
  if (to.provider === "sqlite" && !fs.existsSync(to.file)) return null;
  return openDatabase(to, "read");
}

/** Refuses unless every app table of the database is empty. */
async function refuseUnlessEmpty(location: DatabaseLocation, database: CopyDatabase): Promise<void> {
  const tables = (await database.tables()).filter((table) => !isBookkeepingTable(table.name));
  const filled: string[] = [];
  for (const table of tables) {
    const rows = await database.countRows(table.name);
    if (rows > 0) filled.push(`${table.name} ${rowCount(rows)}`);
  }
  if (filled.length > 0) {
    const shown = filled.length > 4 ? [...filled.slice(0, 4), `${filled.length - 4} more tables`] : filled;
    throw new CopyError(
      `The target, ${describeDatabase(location)}, already holds data (${shown.join(", ")}). db:copy only writes into an empty database; nothing was written.`,
    );
  }
}

function rowCount(rows: number): string {
  return `${rows.toLocaleString("en-US")} ${rows === 1 ? "row" : "rows"}`;
}

async function copyTable({
  source,
  target,
  table,
  batchSize,
}: {
  source: CopyDatabase;
  target: CopyDatabase;
  table: PlannedTable;
  batchSize: number;
}): Promise<TableReport> {
  const started = performance.now();
  try {
    const sourceRows = await source.countRows(table.name);
    let read = 0;
    // One batch is written while the next is read: the target works while the source is read.
    let writing: Promise<void> | undefined;
    for await (const rows of source.readRows(table, batchSize)) {
      read += rows.length;
      const next = target.insertRows(table, rows);
      // Marks the rejection as handled until it is awaited below (or abandoned after an earlier failure).
      next.catch(() => {});
      if (writing) await writing;
      writing = next;
    }
    await writing;
    const targetRows = await target.countRows(table.name);
    if (read !== sourceRows || targetRows !== sourceRows) {
      throw new CopyError(
        `row counts differ: the source has ${sourceRows}, ${read} were read, the target has ${targetRows}`,
      );
    }
    return { table: table.name, sourceRows, targetRows, milliseconds: performance.now() - started };
  } catch (error) {
    throw new CopyError(
      `Copying table "${table.name}" failed: ${isCopyError(error) ? error.message : messageOf(error)}\nThe copy was rolled back: the target's tables are empty (its schema migration stays).`,
    );
  }
}

async function describeBrokenChain(from: DatabaseLocation, chain: ChainReport): Promise<string> {
  if (chain.ok) return "";
  const where = `  merchant ${chain.merchantId}: broken at seq ${chain.brokenAt.seq} (event ${chain.brokenAt.eventId}): ${chain.brokenAt.reason}`;
  const inSource = await verifyChainAt(from, chain.merchantId).catch(() => null);
  if (!inSource) return `${where}\n    The source's chain could not be checked: run npm run audit:verify against it.`;
  if (!inSource.ok && inSource.brokenAt.seq === chain.brokenAt.seq) {
    return `${where}\n    The source's chain is broken at the same event: repair the source first (npm run audit:verify).`;
  }
  return `${where}\n    The source's chain verifies there: the copy changed data. Please report this.`;
}
