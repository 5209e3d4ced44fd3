// The import job's own database connection, apart from the app's Prisma client: bulk writes of
// millions of lines cannot go through Prisma's per-query cost. Everything dialect-specific of the
// job is behind this interface (line-store-sqlite.ts, line-store-postgres.ts); the SQL the job
// writes elsewhere is plain and uses `?` placeholders, quoted identifiers and `false`/`true`
// literals, which both databases read.
import "server-only";
import { databaseProvider } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { LineValue } from "@/lib/reconciliation/import/line-columns";
import { GROUPED_LINE_CATEGORIES } from "@/lib/reconciliation/types";

export type SqlParam = string | number | boolean | null | Date;

/** Lines of exception `from` now pointed at exception `to`. */
export interface LineMove {
  from: string;
  to: string;
  /**
   * The lines are of `to`'s category: `to` is about them (a missing sale of a batch now missing
   * alone, or settled at another amount) — not a group naming them (a duplicate's first charge,
   * matched).
   */
  own: boolean;
}

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
   * Points lines at the exception groups that name them (each row: line id, exception id, the
   * exception's category), in the current transaction, where the group takes the line
   * (groupTakesLine); of two groups that may take a line, the one that outranks the other
   * (outranks) does, whichever was written first or last. Lines a person
   * paired or unpaired are left as they are. Run after the lines' categories are written. Returns
   * each exception lines were taken from with the one that took them, once per pair (their line
   * counts change; an incident's link follows its lines, publish.ts).
   */
  pointAtExceptions(rows: readonly (readonly [number, string, string])[]): Promise<LineMove[]>;
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

/**
 * SQL: whether a group of category `groupCategory` takes a line of category `lineCategory` that it
 * names (both SQL expressions). A line points at one exception, so a line of a category groups are
 * made of stays with its own group, of that category — a duplicate's group names the first charge,
 * which may be missing from the statement or unsigned, a case of its own; the group's own lines it
 * always takes. Decided on the lines' stored categories, not in the matching of one day, because
 * the group naming a line may be another day's (a duplicate just past midnight).
 */
export function groupTakesLine(lineCategory: string, groupCategory: string): string {
  const grouped = GROUPED_LINE_CATEGORIES.map((category) => `'${category}'`).join(", ");
  return `(${lineCategory} = ${groupCategory} OR ${lineCategory} NOT IN (${grouped}))`;
}

/**
 * SQL: whether exception `x` keeps a line that exception `y` would take too (both table aliases),
 * neither group being of the line's own category — a matched first charge two duplicates of it
 * name. Decided by the exceptions themselves, category then key (ids are the key's last part:
 * shorter is older), never by which was written last: the groups of a line's days are published
 * by different imports, and a withdrawal or a late file re-publishes some of them only, so "the
 * last writer" made the same files give different cases depending on their order.
 */
export function outranks(x: string, y: string, collate = ""): string {
  return `(${x}."category" ${collate}, length(${x}."key"), ${x}."key" ${collate}) > (${y}."category" ${collate}, length(${y}."key"), ${y}."key" ${collate})`;
}

export async function openLineStore(): Promise<LineStore> {
  if (databaseProvider === "postgresql") {
    const { openPostgresLineStore } = await import("@/lib/reconciliation/import/line-store-postgres");
    return openPostgresLineStore(env.DATABASE_URL);
  }
  const { openSqliteLineStore } = await import("@/lib/reconciliation/import/line-store-sqlite");
  return openSqliteLineStore(env.DATABASE_URL);
}
