// What db:copy needs of one database — the same operations on SQLite and PostgreSQL, so the copy
// runs in any direction between them. Implemented by sqlite-database.ts and postgres-database.ts;
// database.ts opens the right one. Kept apart from database.ts so the implementations do not
// import the module that imports them.
import type { DatabaseLocation } from "@/tools/db-copy/database-url";
import type { PlannedTable, TableInfo } from "@/tools/db-copy/plan-tables";
import type { CellValue } from "@/tools/db-copy/values";

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
