// The job's SQLite connection: its own better-sqlite3 handle on the app's file (WAL, so the app's
// readers never wait; busy_timeout, so it queues behind the app's writers and they behind it).
// Writes go in short transactions (one parse batch, one day's outcomes) through prepared
// multi-row statements, so the app's writers wait milliseconds, not the whole import.
import "server-only";
import path from "node:path";
import Database from "better-sqlite3";
import { BOOLEAN_COLUMNS, LINE_COLUMNS, type LineValue } from "@/lib/reconciliation/import/line-columns";
import {
  groupTakesLine,
  type LineMove,
  type LineStore,
  outranks,
  type SqlParam,
  type UpdateColumn,
} from "@/lib/reconciliation/import/line-store";

/** Rows per prepared INSERT: 27 values each stays far below SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 200;
/** Line ids per UPDATE … WHERE id IN (…) (a statement is prepared once per length). */
const IDS_PER_UPDATE = 500;
/** How long a transaction waits for the write lock before the job fails (and is retried). */
const LOCK_WAIT_MS = 60_000;

function bindable(value: SqlParam): string | number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  // Prisma's SQLite DateTime text: fixed-width ISO with "+00:00" (sorts as time does).
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

export function openSqliteLineStore(url: string): LineStore {
  const database = new Database(path.resolve(url.slice("file:".length)));
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  // NORMAL in WAL: a commit is durable once a later FULL commit (the app's, e.g. the import's
  // status) syncs the log; a power cut before that only loses staged lines a rerun rewrites.
  database.pragma("synchronous = NORMAL");

  const column = LINE_COLUMNS.map((name) => `"${name}"`).join(", ");
  const rowPlaceholders = `(${LINE_COLUMNS.map(() => "?").join(", ")})`;
  const inserts = new Map<number, Database.Statement>();
  const insertOf = (rows: number) => {
    let statement = inserts.get(rows);
    if (!statement) {
      statement = database.prepare(
        `INSERT INTO "ReconLine" (${column}) VALUES ${Array.from({ length: rows }, () => rowPlaceholders).join(", ")}`,
      );
      inserts.set(rows, statement);
    }
    return statement;
  };
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  let depth = 0;
  // The matching lock: a write transaction held on a small database of its own beside the app's
  // file (one lock for all merchants: a SQLite deployment is one host and few imports). SQLite's
  // file lock ends with the process, so a killed worker never leaves it taken.
  let lock: Database.Database | null = null;

  /**
   * BEGIN IMMEDIATE without blocking the event loop: better-sqlite3 waits for a lock synchronously,
   * so a busy wait here would also stop the very transaction it waits for when that one belongs to
   * this process (another import's connection, or the app's own between two awaits). Instead the
   * attempt fails at once and is retried after a timer, letting the holder finish.
   */
  const beginImmediate = async () => {
    const deadline = Date.now() + LOCK_WAIT_MS;
    database.pragma("busy_timeout = 0");
    try {
      for (;;) {
        try {
          database.exec("BEGIN IMMEDIATE");
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    } finally {
      database.pragma("busy_timeout = 5000");
    }
  };

  const store: LineStore = {
    provider: "sqlite",
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      // raw() sticks to a prepared statement: set it each time, the cache serves both shapes.
      return prepared(sql)
        .raw(false)
        .all(...params.map(bindable)) as Row[];
    },
    async allArrays(sql, params = []) {
      return prepared(sql)
        .raw(true)
        .all(...params.map(bindable)) as unknown[][];
    },
    async run(sql, params = []) {
      return prepared(sql).run(...params.map(bindable)).changes;
    },
    async transaction(work) {
      if (depth > 0) return work();
      await beginImmediate();
      depth++;
      try {
        const result = await work();
        database.exec("COMMIT");
        return result;
      } catch (error) {
        database.exec("ROLLBACK");
        throw error;
      } finally {
        depth--;
      }
    },
    async insertLines(rows) {
      const values: (string | number | null)[] = [];
      let pending = 0;
      const flush = () => {
        if (pending > 0) insertOf(pending).run(values);
        values.length = 0;
        pending = 0;
      };
      for (const row of rows) {
        for (let index = 0; index < row.length; index++) {
          const value = row[index] as LineValue;
          values.push(
            BOOLEAN_COLUMNS.has(index) && value !== null ? (value ? 1 : 0) : (value as string | number | null),
          );
        }
        if (++pending === ROWS_PER_INSERT) flush();
      }
      flush();
    },
    async updateLines(columns: readonly UpdateColumn[], rows) {
      if (rows.length === 0) return;
      if (columns.length === 1) {
        // One column (an exception's lines, a category): the lines of each value together, up to
        // IDS_PER_UPDATE per statement — a third less work than one statement per line.
        const byValue = new Map<string | number | null, number[]>();
        for (const [id, value] of rows) {
          const key = bindable(value ?? null);
          const ids = byValue.get(key);
          if (ids) ids.push(id as number);
          else byValue.set(key, [id as number]);
        }
        const column = `"${columns[0].name}"`;
        for (const [value, ids] of byValue) {
          for (let start = 0; start < ids.length; start += IDS_PER_UPDATE) {
            const some = ids.slice(start, start + IDS_PER_UPDATE);
            prepared(
              `UPDATE "ReconLine" SET ${column} = ? WHERE "id" IN (${some.map(() => "?").join(", ")}) AND "manual" = false`,
            ).run(value, ...some);
          }
        }
        return;
      }
      const statement = prepared(
        `UPDATE "ReconLine" SET ${columns.map((c) => `"${c.name}" = ?`).join(", ")} WHERE "id" = ? AND "manual" = false`,
      );
      for (const row of rows) {
        const params = row.slice(1).map(bindable);
        params.push(bindable(row[0]));
        statement.run(params);
      }
    },
    async pointAtExceptions(rows) {
      // The lines of each exception together, as updateLines does for one column.
      const byException = new Map<string, { category: string; ids: number[] }>();
      for (const [id, exceptionId, category] of rows) {
        const group = byException.get(exceptionId);
        if (group) group.ids.push(id);
        else byException.set(exceptionId, { category, ids: [id] });
      }
      // Keyed by the pair: a statement may move tens of thousands of lines, each to its own exception.
      const moves = new Map<string, LineMove>();
      for (const [exceptionId, { category, ids }] of byException) {
        for (let start = 0; start < ids.length; start += IDS_PER_UPDATE) {
          const some = ids.slice(start, start + IDS_PER_UPDATE);
          // a line of its own category it always takes; another only from no group, or from one it outranks
          const changing = `"id" IN (${some.map(() => "?").join(", ")}) AND "manual" = false
            AND ("exceptionId" IS NULL OR "exceptionId" <> ?) AND ${groupTakesLine('"category"', "?")}
            AND ("category" = ? OR "exceptionId" IS NULL OR NOT EXISTS (
              SELECT 1 FROM "ReconException" x JOIN "ReconException" y ON y."id" = ?
              WHERE x."id" = "ReconLine"."exceptionId" AND x."status" = 'open' AND ${outranks("x", "y")}))`;
          const params = [...some, exceptionId, category, category, exceptionId];
          const before = prepared(
            `SELECT DISTINCT "exceptionId" AS "from", "category" = ? AS "own" FROM "ReconLine"
             WHERE ${changing} AND "exceptionId" IS NOT NULL`,
          ).all(category, ...params) as { from: string; own: number }[];
          for (const { from, own } of before) {
            moves.set(`${from} ${exceptionId} ${own}`, { from, to: exceptionId, own: own === 1 });
          }
          prepared(`UPDATE "ReconLine" SET "exceptionId" = ? WHERE ${changing}`).run(exceptionId, ...params);
        }
      }
      return [...moves.values()];
    },
    async refreshStatistics() {
      // Sampled (about a thousand rows per index: tens of milliseconds at a million lines, where a
      // full ANALYZE reads every index whole). The app's connections read the new statistics when
      // they next prepare a statement; the cached statements here are prepared again by SQLite.
      database.pragma("analysis_limit = 1000");
      await store.transaction(async () => {
        database.exec('ANALYZE "ReconLine"');
      });
    },
    async tryLockMatching() {
      if (lock?.inTransaction) return true;
      lock ??= new Database(`${path.resolve(url.slice("file:".length))}-recon-matching.lock`);
      lock.pragma("busy_timeout = 0");
      try {
        lock.exec("BEGIN EXCLUSIVE");
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
        throw error;
      }
    },
    async unlockMatching() {
      if (lock?.inTransaction) lock.exec("COMMIT");
    },
    async close() {
      lock?.close();
      database.close();
    },
  };
  return store;
}
