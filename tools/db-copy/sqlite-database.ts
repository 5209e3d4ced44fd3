// A SQLite file as a copy source or target, through better-sqlite3 directly (no Prisma per row).
import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import { kindOfSqliteType } from "@/tools/db-copy/column-kinds";
import type { CopyDatabase, OpenMode } from "@/tools/db-copy/database-port";
import { type DatabaseLocation, describeDatabase } from "@/tools/db-copy/database-url";
import { CopyError, messageOf } from "@/tools/db-copy/errors";
import { type ColumnInfo, isBookkeepingTable, type PlannedTable, type TableInfo } from "@/tools/db-copy/plan-tables";
import { quoteIdentifier } from "@/tools/db-copy/sql";
import { type CellValue, fromSqlite, toSqlite } from "@/tools/db-copy/values";

type SqliteLocation = Extract<DatabaseLocation, { provider: "sqlite" }>;

export function openSqlite(location: SqliteLocation, mode: OpenMode): CopyDatabase {
  if (!fs.existsSync(location.file)) throw new CopyError(`${describeDatabase(location)} does not exist.`);
  let db: Database.Database;
  try {
    db = new Database(location.file, { readonly: mode === "read", fileMustExist: true, timeout: 5000 });
    // Fails on a file that is not a SQLite database.
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
    if (mode === "write") db.pragma("foreign_keys = ON");
  } catch (error) {
    throw new CopyError(`Cannot open ${describeDatabase(location)}: ${messageOf(error)}.`);
  }
  return new SqliteCopyDatabase(location, db);
}

class SqliteCopyDatabase implements CopyDatabase {
  private readonly inserts = new Map<string, Database.Statement>();

  constructor(
    readonly location: SqliteLocation,
    private readonly db: Database.Database,
  ) {}

  async tables(): Promise<TableInfo[]> {
    // Ordinary tables only: a virtual table (the FTS5 search index) and its shadow tables are
    // derived data, rebuilt on the target by its own triggers as the incidents arrive.
    const names = this.db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return names
      .filter((name) => !isBookkeepingTable(name))
      .map((name) => {
        const columns = (
          this.db.prepare("SELECT name, type FROM pragma_table_info(?) ORDER BY cid").all(name) as {
            name: string;
            type: string;
          }[]
        ).map(
          (column): ColumnInfo => ({
            name: column.name,
            kind: kindOfSqliteType(name, column.name, column.type),
            sqlType: column.type,
          }),
        );
        const references = this.db
          .prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)')
          .pluck()
          .all(name) as string[];
        return { name, columns, references };
      });
  }

  async countRows(table: string): Promise<number> {
    return this.db
      .prepare(`SELECT count(*) FROM ${quoteIdentifier(table)}`)
      .pluck()
      .get() as number;
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec("BEGIN");
    // A deferred transaction takes its snapshot at the first read.
    this.db.prepare("SELECT count(*) FROM sqlite_schema").get();
    try {
      return await work();
    } finally {
      this.db.exec("COMMIT");
    }
  }

  async *readRows(table: PlannedTable, batchSize: number): AsyncIterable<CellValue[][]> {
    const columns = table.columns.map((column) => column.source);
    const statement = this.db
      .prepare(`SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(", ")} FROM ${quoteIdentifier(table.name)}`)
      .raw(true)
      .safeIntegers(true);
    let batch: CellValue[][] = [];
    for (const raw of statement.iterate() as IterableIterator<unknown[]>) {
      batch.push(columns.map((column, i) => fromSqlite(table.name, column, raw[i])));
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = await work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  async insertRows(table: PlannedTable, rows: CellValue[][]): Promise<void> {
    const insert = this.insertStatement(table);
    const columns = table.columns.map((column) => column.target);
    for (const row of rows) insert.run(columns.map((column, i) => toSqlite(column, row[i])));
  }

  private insertStatement(table: PlannedTable): Database.Statement {
    let statement = this.inserts.get(table.name);
    if (!statement) {
      const names = table.columns.map((c) => quoteIdentifier(c.name)).join(", ");
      const placeholders = table.columns.map(() => "?").join(", ");
      statement = this.db.prepare(`INSERT INTO ${quoteIdentifier(table.name)} (${names}) VALUES (${placeholders})`);
      this.inserts.set(table.name, statement);
    }
    return statement;
  }

  async deleteAll(tables: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DELETE FROM ${quoteIdentifier(table)}`);
    })();
  }

  async close(): Promise<void> {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.db.close();
  }
}
