// One database as db:copy sees it — the same operations on SQLite and PostgreSQL, so the copy
// runs in any direction between them.
import "server-only";
import type { DatabaseLocation } from "@/lib/db-copy/database-url";
import type { PlannedTable, TableInfo } from "@/lib/db-copy/plan-tables";
import { openPostgres } from "@/lib/db-copy/postgres-database";
import { openSqlite } from "@/lib/db-copy/sqlite-database";
import type { CellValue } from "@/lib/db-copy/values";

export interface CopyDatabase {
  readonly location: DatabaseLocation;
  /** Every table of the current schema, with its columns and the tables its foreign keys name. */
  tables(): Promise<TableInfo[]>;
  countRows(table: string): Promise<number>;
  /** Runs `work` inside one read-only transaction, so every read sees the same moment. */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /** The table's rows, in batches, as neutral values in the order of `table.columns` (source side). */
  readRows(table: PlannedTable, batchSize: number): AsyncIterable<CellValue[][]>;
  /** Runs `work` in one write transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Inserts rows given in the order of `table.columns` (target side), inside `transaction`. */
  insertRows(table: PlannedTable, rows: CellValue[][]): Promise<void>;
  /** Deletes every row of the tables, in the order given (children first), in one transaction. */
  deleteAll(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export type OpenMode = "read" | "write";

/** Opens (and for PostgreSQL connects to) the database; a missing or unreachable one is a CopyError. */
export function openDatabase(location: DatabaseLocation, mode: OpenMode): Promise<CopyDatabase> {
  return location.provider === "sqlite" ? Promise.resolve(openSqlite(location, mode)) : openPostgres(location);
}
