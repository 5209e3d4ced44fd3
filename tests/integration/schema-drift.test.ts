// The committed schemas and migrations cannot drift from the one model, prisma/schema.prisma:
// the PostgreSQL schema must be exactly what `npm run db:schemas` writes, and for each provider a
// database built by the committed migrations (`prisma migrate deploy`) must have the same
// structure as one built straight from the model (`prisma migrate diff --from-empty`). Structure
// is compared per object (columns, keys, indexes, enums), not as SQL text, so a column that a
// migration appended at the end of a table is not reported as drift. The PostgreSQL half runs
// when TEST_POSTGRES_URL names a server (always in `npm test`'s PostgreSQL pass).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POSTGRES_SCHEMA, postgresSchemaFrom, SOURCE } from "@/scripts/db-schemas.mjs";
import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  RUN_PREFIX_ENV,
  uniqueDatabaseName,
} from "@/tests/helpers/test-database";

const run = promisify(execFile);

/** Runs the Prisma CLI with DATABASE_URL set (prisma.config.ts picks the provider's schema and migrations from it). */
async function prisma(args: string[], url: string): Promise<string> {
  const { stdout } = await run("node_modules/.bin/prisma", args, {
    env: { ...process.env, DATABASE_URL: url },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** The SQL that creates the model's schema on an empty database, as Prisma writes it. */
function scriptFromModel(schema: string, url: string): Promise<string> {
  return prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], url);
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * Objects the migrations create in raw SQL because the Prisma model cannot describe them (the
 * search index of 20261130020000_list_indexes_search): left out of the comparison by exact name,
 * and required to exist, so any other difference is still drift.
 */
const RAW_SQL_ONLY = {
  sqlite: [
    // FTS5 table, its shadow tables and the triggers that keep it in step with "Incident"
    "IncidentSearch",
    "IncidentSearch_config",
    "IncidentSearch_data",
    "IncidentSearch_docsize",
    "IncidentSearch_idx",
    "IncidentSearch_insert",
    "IncidentSearch_update",
    "IncidentSearch_delete",
  ],
  // pg_trgm GIN and CJK-pair GIN (expression indexes); the extension and the function they use are
  // not part of the compared structure.
  postgresql: ["Incident_search_trgm_idx", "Incident_search_cjk_bigrams_idx"],
} as const;

test("prisma/postgresql/schema.prisma is what `npm run db:schemas` writes from prisma/schema.prisma", () => {
  const committed = fs.readFileSync(POSTGRES_SCHEMA, "utf8");
  expect(committed, "run `npm run db:schemas` and commit the result").toBe(
    postgresSchemaFrom(fs.readFileSync(SOURCE, "utf8")),
  );
});

describe("SQLite", () => {
  let dir: string;

  /** Every table and index apart from Prisma's and SQLite's own bookkeeping, described by its pragmas. */
  function sqliteStructure(file: string) {
    const db = new Database(file, { readonly: true });
    try {
      const objects = db
        .prepare<[], { type: string; name: string; tableName: string }>(
          `SELECT type, name, tbl_name AS tableName FROM sqlite_master
           WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> '_prisma_migrations' ORDER BY type, name`,
        )
        .all();
      return objects.map(({ type, name, tableName }) => {
        if (type === "table") {
          return {
            table: name,
            columns: db
              .prepare('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY name')
              .all(name),
            foreignKeys: db
              .prepare(
                'SELECT "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(?) ORDER BY "from"',
              )
              .all(name)
              .sort(byJson),
          };
        }
        const [flags] = db
          .prepare('SELECT "unique", origin, partial FROM pragma_index_list(?) WHERE name = ?')
          .all(tableName, name);
        return {
          [type]: name,
          on: tableName,
          flags,
          keys: db.prepare("SELECT name, desc, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno").all(name),
        };
      });
    } finally {
      db.close();
    }
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-drift-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the committed migrations build the same database as prisma/schema.prisma", async () => {
    const migrated = path.join(dir, "migrated.db");
    const fromModel = path.join(dir, "from-model.db");
    const [, script] = await Promise.all([
      prisma(["migrate", "deploy"], `file:${migrated}`),
      scriptFromModel("prisma/schema.prisma", `file:${fromModel}`),
    ]);
    const db = new Database(fromModel);
    db.exec(script);
    db.close();

    const expected = sqliteStructure(fromModel);
    expect(expected.length).toBeGreaterThan(10);
    const rawOnly = new Set<string>(RAW_SQL_ONLY.sqlite);
    const nameOf = (object: Record<string, unknown>) => String(object.table ?? object.index ?? object.trigger);
    const structure = sqliteStructure(migrated);
    expect(
      structure
        .map(nameOf)
        .filter((name) => rawOnly.has(name))
        .sort(),
    ).toEqual([...rawOnly].sort());
    expect(
      structure.filter((object) => !rawOnly.has(nameOf(object))),
      "add a migration to prisma/migrations for the model change",
    ).toEqual(expected);
  }, 90_000);
});

const adminUrl = process.env.TEST_POSTGRES_URL;
// Only with a PostgreSQL server to build the two databases on; `npm test` provides one when it can.
if (adminUrl) {
  describe("PostgreSQL", () => {
    const prefix = process.env[RUN_PREFIX_ENV] ?? "slipcase_drift";
    const migrated = uniqueDatabaseName(`${prefix}_m`);
    const fromModel = uniqueDatabaseName(`${prefix}_s`);

    /** Columns, constraints, indexes and enum labels of the public schema, without Prisma's bookkeeping table. */
    async function postgresStructure(url: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const query = async (sql: string) => (await client.query(sql)).rows;
        return {
          columns: await query(`
            SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
                   character_maximum_length, numeric_precision, numeric_scale, datetime_precision
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`),
          constraints: await query(`
            SELECT c.relname AS table_name, k.conname, k.contype, pg_get_constraintdef(k.oid) AS definition
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.connamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations'
            ORDER BY c.relname, k.conname`),
          indexes: await query(`
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
            ORDER BY tablename, indexname`),
          // A label order that differs only by where ALTER TYPE … ADD VALUE appended it is not drift.
          enums: await query(`
            SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumlabel) AS labels
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE t.typnamespace = 'public'::regnamespace
            GROUP BY t.typname ORDER BY t.typname`),
        };
      } finally {
        await client.end();
      }
    }

    beforeAll(async () => {
      await Promise.all([createDatabase(adminUrl, migrated), createDatabase(adminUrl, fromModel)]);
    });
    afterAll(() => dropDatabases(adminUrl, [migrated, fromModel]));

    test("the committed migrations build the same database as prisma/schema.prisma", async () => {
      const [, script] = await Promise.all([
        prisma(["migrate", "deploy"], databaseUrl(adminUrl, migrated)),
        scriptFromModel("prisma/postgresql/schema.prisma", databaseUrl(adminUrl, fromModel)),
      ]);
      const client = new pg.Client({ connectionString: databaseUrl(adminUrl, fromModel) });
      await client.connect();
      await client.query(script).finally(() => client.end());

      const expected = await postgresStructure(databaseUrl(adminUrl, fromModel));
      expect(expected.columns.length).toBeGreaterThan(50);
      const structure = await postgresStructure(databaseUrl(adminUrl, migrated));
      const rawOnly = new Set<string>(RAW_SQL_ONLY.postgresql);
      expect(
        structure.indexes
          .map((index) => index.indexname)
          .filter((name) => rawOnly.has(name))
          .sort(),
      ).toEqual([...rawOnly].sort());
      structure.indexes = structure.indexes.filter((index) => !rawOnly.has(index.indexname));
      expect(structure, "add a migration to prisma/postgresql/migrations for the model change").toEqual(expected);
      // migrate deploy on PostgreSQL lingers about 10 s after its work (a timer in Prisma's WASM engine).
    }, 120_000);
  });
}
