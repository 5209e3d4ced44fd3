// A PostgreSQL database as a copy source or target, through node-postgres directly: reads with a
// cursor, writes with multi-row INSERTs whose parameters are cast to each column's type.
import "server-only";
import pg from "pg";
import { kindOfPostgresType } from "@/tools/db-copy/column-kinds";
import type { CopyDatabase } from "@/tools/db-copy/database-port";
import { type DatabaseLocation, describeDatabase } from "@/tools/db-copy/database-url";
import { CopyError, messageOf } from "@/tools/db-copy/errors";
import { type ColumnInfo, isBookkeepingTable, type PlannedTable, type TableInfo } from "@/tools/db-copy/plan-tables";
import { insertSql, quoteIdentifier } from "@/tools/db-copy/sql";
import { type CellValue, parsePostgresTimestamp, toPostgres } from "@/tools/db-copy/values";

type PostgresLocation = Extract<DatabaseLocation, { provider: "postgresql" }>;

/** PostgreSQL caps one statement at 65,535 parameters. */
const MAX_PARAMETERS = 65_535;

const OID = { int8: 20, json: 114, timestamp: 1114, numeric: 1700, jsonb: 3802 } as const;

// Values arrive in the neutral form: instants as Dates (a `timestamp` read as UTC, never as the
// process's local time), int8 as bigint, numeric and JSON as their exact text.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case OID.timestamp:
        return parsePostgresTimestamp;
      case OID.int8:
        return (text: string) => BigInt(text);
      case OID.numeric:
      case OID.json:
      case OID.jsonb:
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

/** Connects, turning the usual failures into messages an operator can act on. */
export async function openPostgres(location: PostgresLocation): Promise<CopyDatabase> {
  const url = new URL(location.url);
  // `schema` is Prisma's parameter, not libpq's: turn it into the search path.
  url.searchParams.delete("schema");
  const client = new pg.Client({
    connectionString: url.toString(),
    connectionTimeoutMillis: 10_000,
    application_name: "slipcase-db-copy",
    options: `-c search_path=${quoteIdentifier(location.schema)}`,
    types,
  });
  // A dropped connection surfaces as the next query's error; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new CopyError(connectionFailure(location, error));
  }
  return new PostgresCopyDatabase(location, client);
}

function connectionFailure(location: PostgresLocation, error: unknown): string {
  const where = describeDatabase(location);
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach ${where}: connection refused. Is PostgreSQL running there?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach ${where}: host "${location.host}" not found.`;
    case "3D000":
      return `${where} does not exist. Create it first, e.g. createdb -h ${location.host} -p ${location.port} ${location.database}`;
    case "28P01":
    case "28000":
      return `Cannot sign in to ${where}: ${messageOf(error)}.`;
    default:
      return `Cannot connect to ${where}: ${messageOf(error)}.`;
  }
}

class PostgresCopyDatabase implements CopyDatabase {
  private readonly statements = new Map<string, { name: string; text: string }>();

  constructor(
    readonly location: PostgresLocation,
    private readonly client: pg.Client,
  ) {}

  async tables(): Promise<TableInfo[]> {
    const columns = await this.client.query<{
      table_name: string;
      column_name: string;
      sql_type: string;
      type_name: string;
      type_type: string;
    }>(`
      SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS sql_type,
             t.typname AS type_name, t.typtype AS type_type
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`);
    const foreignKeys = await this.client.query<{ table_name: string; referenced: string }>(`
      SELECT DISTINCT child.relname AS table_name, parent.relname AS referenced
      FROM pg_catalog.pg_constraint con
      JOIN pg_catalog.pg_class child ON child.oid = con.conrelid
      JOIN pg_catalog.pg_class parent ON parent.oid = con.confrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = child.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()`);
    const tables = new Map<string, TableInfo>();
    for (const row of columns.rows) {
      if (isBookkeepingTable(row.table_name)) continue;
      let table = tables.get(row.table_name);
      if (!table) {
        table = { name: row.table_name, columns: [], references: [] };
        tables.set(row.table_name, table);
      }
      const column: ColumnInfo = {
        name: row.column_name,
        kind: kindOfPostgresType(row.table_name, row.column_name, row.type_name, row.type_type),
        sqlType: row.sql_type,
      };
      table.columns.push(column);
    }
    for (const row of foreignKeys.rows) tables.get(row.table_name)?.references.push(row.referenced);
    return [...tables.values()];
  }

  async countRows(table: string): Promise<number> {
    const result = await this.client.query<{ count: bigint }>(
      `SELECT count(*) AS count FROM ${quoteIdentifier(table)}`,
    );
    return Number(result.rows[0].count);
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      return await work();
    } finally {
      await this.client.query("COMMIT").catch(() => {});
    }
  }

  async *readRows(table: PlannedTable, batchSize: number): AsyncIterable<CellValue[][]> {
    const names = table.columns.map((c) => quoteIdentifier(c.name)).join(", ");
    await this.client.query(
      `DECLARE db_copy_rows NO SCROLL CURSOR FOR SELECT ${names} FROM ${quoteIdentifier(table.name)}`,
    );
    try {
      for (;;) {
        const result = await this.client.query<CellValue[]>({
          text: `FETCH FORWARD ${batchSize} FROM db_copy_rows`,
          rowMode: "array",
        });
        if (result.rows.length > 0) yield result.rows;
        if (result.rows.length < batchSize) return;
      }
    } finally {
      await this.client.query("CLOSE db_copy_rows").catch(() => {});
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query("BEGIN");
    try {
      const result = await work();
      await this.client.query("COMMIT");
      return result;
    } catch (error) {
      await this.client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  }

  async insertRows(table: PlannedTable, rows: CellValue[][]): Promise<void> {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      await this.client.query({
        ...this.insertStatement(table, chunk.length),
        values: chunk.flatMap((row) => row.map(toPostgres)),
      });
    }
    if (table.columns.some((column) => column.name === "id")) await this.advanceSequence(table.name);
  }

  /**
   * Rows copied with their integer ids (ReconLine's autoincrement) leave the column's sequence
   * where it was: the app's next insert would take id 1 again and clash. Moves it past the
   * largest id copied (SQLite's AUTOINCREMENT follows explicit ids by itself).
   */
  private async advanceSequence(table: string): Promise<void> {
    const quoted = quoteIdentifier(table);
    const { rows } = await this.client.query<{ sequence: string | null }>(
      "SELECT pg_get_serial_sequence($1, 'id') AS sequence",
      [quoted],
    );
    if (!rows[0]?.sequence) return;
    await this.client.query(
      `SELECT setval($1::regclass, COALESCE((SELECT MAX("id") FROM ${quoted}), 1), (SELECT MAX("id") IS NOT NULL FROM ${quoted}))`,
      [rows[0].sequence],
    );
  }

  /** One prepared statement per table and row count, so PostgreSQL parses each batch shape once. */
  private insertStatement(table: PlannedTable, rowCount: number): { name: string; text: string } {
    const key = `${table.name}\u0000${rowCount}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = { name: `db_copy_${this.statements.size}`, text: insertSql(table, rowCount) };
      this.statements.set(key, statement);
    }
    return statement;
  }

  async deleteAll(tables: readonly string[]): Promise<void> {
    await this.transaction(async () => {
      for (const table of tables) await this.client.query(`DELETE FROM ${quoteIdentifier(table)}`);
    });
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
