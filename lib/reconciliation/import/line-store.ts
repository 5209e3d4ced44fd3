// The import job's own database connection, apart from the app's Prisma client: bulk writes of
// millions of lines cannot go through Prisma's per-query cost. Everything dialect-specific of the
// job is behind this interface (line-store-sqlite.ts, line-store-postgres.ts); the SQL the job
// writes elsewhere is plain and uses `?` placeholders, quoted identifiers and `false`/`true`
// literals, which both databases read.
import "server-only";
import { databaseProvider } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { LineValue } from "@/lib/reconciliation/import/line-columns";

export type SqlParam = string | number | boolean | null | Date;

/** A column of a bulk update by line id, with its PostgreSQL type (for the staging table). */
export interface UpdateColumn {
  name: string;
  pgType: "text" | "integer" | "boolean";
}

export interface LineStore {
  readonly provider: "sqlite" | "postgresql";
  all<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Rows as arrays in the SELECT's column order: cheaper than objects for a day of lines. */
  allArrays(sql: string, params?: readonly SqlParam[]): Promise<unknown[][]>;
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Runs `work` in one transaction of this connection (which takes the write lock at once on SQLite). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Inserts lines (LINE_COLUMNS values), in the current transaction. */
  insertLines(rows: readonly LineValue[][]): Promise<void>;
  /**
   * Sets `columns` on the lines whose id is each row's first value, in the current transaction;
   * lines a person paired or unpaired (manual) are left as they are.
   */
  updateLines(columns: readonly UpdateColumn[], rows: readonly SqlParam[][]): Promise<void>;
  /**
   * Brings the planner's statistics of the lines up to date after staging: on SQLite they change
   * only when someone runs ANALYZE, and statistics taken when the table held 16 lines made every
   * update by id a scan of all of them (a second 300,000-line journal published in 270 s, not 2).
   * PostgreSQL needs nothing: its planner scales the row counts by the table's size as it is now.
   */
  refreshStatistics(): Promise<void>;
  /**
   * Tries to take the merchant's matching lock without waiting: only one import of a merchant may
   * match and publish at a time (from any instance), else two would each miss the other's lines.
   * Held until unlockMatching or until this connection ends (a killed worker frees it).
   */
  tryLockMatching(merchantId: string): Promise<boolean>;
  unlockMatching(merchantId: string): Promise<void>;
  close(): Promise<void>;
}

export async function openLineStore(): Promise<LineStore> {
  if (databaseProvider === "postgresql") {
    const { openPostgresLineStore } = await import("@/lib/reconciliation/import/line-store-postgres");
    return openPostgresLineStore(env.DATABASE_URL);
  }
  const { openSqliteLineStore } = await import("@/lib/reconciliation/import/line-store-sqlite");
  return openSqliteLineStore(env.DATABASE_URL);
}
