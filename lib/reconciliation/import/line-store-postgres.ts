// The job's PostgreSQL connection: one client of a small pool of its own. Lines go in with
// `COPY … FROM STDIN` (text format), never row by row; bulk updates by id COPY into a temporary
// table and apply with one UPDATE … FROM.
import "server-only";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { LINE_COLUMNS, type LineValue } from "@/lib/reconciliation/import/line-columns";
import {
  groupTakesLine,
  type LineMove,
  type LineStore,
  outranks,
  type SqlParam,
  type UpdateColumn,
} from "@/lib/reconciliation/import/line-store";

/** `?` placeholders → `$1, $2, …` (the job's SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyText(value: SqlParam | LineValue | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

function copyRows(rows: readonly (readonly (SqlParam | LineValue)[])[], from = 0): string {
  let text = "";
  for (const row of rows) {
    for (let index = from; index < row.length; index++) {
      text += copyText(row[index]);
      text += index === row.length - 1 ? "\n" : "\t";
    }
  }
  return text;
}

export async function openPostgresLineStore(url: string): Promise<LineStore> {
  const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  const client = await pool.connect();
  let depth = 0;
  let temporaryTables = 0;

  const copyInto = async (statement: string, text: string) => {
    const stream = client.query(copyFrom(statement));
    await pipeline(
      (async function* () {
        yield text;
      })(),
      stream,
    );
  };

  return {
    provider: "postgresql",
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await client.query(numbered(sql), params as unknown[])).rows as Row[];
    },
    async allArrays(sql, params = []) {
      return (await client.query({ text: numbered(sql), values: params as unknown[], rowMode: "array" }))
        .rows as unknown[][];
    },
    async run(sql, params = []) {
      return (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0;
    },
    async transaction(work) {
      if (depth > 0) return work();
      await client.query("BEGIN");
      depth++;
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        depth--;
      }
    },
    async insertLines(rows) {
      if (rows.length === 0) return;
      await copyInto(
        `COPY "ReconLine" (${LINE_COLUMNS.map((name) => `"${name}"`).join(", ")}) FROM STDIN`,
        copyRows(rows),
      );
    },
    async updateLines(columns: readonly UpdateColumn[], rows) {
      if (rows.length === 0) return;
      const table = `recon_update_${++temporaryTables}`;
      await client.query(
        `CREATE TEMPORARY TABLE ${table} ("id" integer, ${columns.map((c) => `"${c.name}" ${c.pgType}`).join(", ")}) ON COMMIT DROP`,
      );
      await copyInto(`COPY ${table} FROM STDIN`, copyRows(rows));
      await client.query(
        `UPDATE "ReconLine" l SET ${columns.map((c) => `"${c.name}" = u."${c.name}"`).join(", ")}
         FROM ${table} u WHERE l."id" = u."id" AND l."manual" = false`,
      );
    },
    async pointAtExceptions(rows) {
      if (rows.length === 0) return [];
      const table = `recon_update_${++temporaryTables}`;
      await client.query(
        `CREATE TEMPORARY TABLE ${table} ("id" integer, "exceptionId" text, "category" text) ON COMMIT DROP`,
      );
      await copyInto(`COPY ${table} FROM STDIN`, copyRows(rows));
      // A line two groups may take (a matched line both name) goes to its own category's group, else
      // to the one that outranks the other, here and against the group it points at, as on SQLite
      // (UPDATE … FROM with two rows for one line would take either).
      const C = 'COLLATE "C"';
      const { rows: moves } = await client.query<LineMove>(
        `WITH changed AS (
           UPDATE "ReconLine" l SET "exceptionId" = u."exceptionId"
           FROM (SELECT DISTINCT ON (u."id") u."id", u."exceptionId", t."exceptionId" AS "before",
                   t."category" = u."category" AS "own"
                 FROM ${table} u JOIN "ReconLine" t ON t."id" = u."id" JOIN "ReconException" y ON y."id" = u."exceptionId"
                 WHERE ${groupTakesLine('t."category"', 'u."category"')}
                 ORDER BY u."id", t."category" = u."category" DESC, y."category" ${C} DESC, length(y."key") DESC,
                   y."key" ${C} DESC) u
           WHERE l."id" = u."id" AND l."manual" = false AND l."exceptionId" IS DISTINCT FROM u."exceptionId"
             AND (u."own" OR l."exceptionId" IS NULL OR NOT EXISTS (
               SELECT 1 FROM "ReconException" x JOIN "ReconException" y ON y."id" = u."exceptionId"
               WHERE x."id" = l."exceptionId" AND x."status" = 'open' AND ${outranks("x", "y", C)}))
           RETURNING u."before", u."exceptionId", u."own")
         SELECT DISTINCT "before" AS "from", "exceptionId" AS "to", "own" FROM changed WHERE "before" IS NOT NULL`,
      );
      return moves;
    },
    async refreshStatistics() {
      // autovacuum analyses the table after a large COPY, and the planner scales its row counts by
      // the table's current size meanwhile: an update by id stays an index lookup.
    },
    async tryLockMatching(merchantId) {
      // A session-level advisory lock: it outlives transactions and ends with the connection.
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
        `reconciliation.matching:${merchantId}`,
      ]);
      return rows[0]?.locked === true;
    },
    async unlockMatching(merchantId) {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`reconciliation.matching:${merchantId}`]);
    },
    async close() {
      client.release();
      await pool.end();
    },
  };
}
