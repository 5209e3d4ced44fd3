// Converting cell values between SQLite, PostgreSQL and one neutral form in between. Pure.
//
// How Prisma stores the model's types (checked against @prisma/adapter-better-sqlite3 6.19):
// - SQLite: DateTime as ISO text with "+00:00" (a column default of CURRENT_TIMESTAMP writes
//   "YYYY-MM-DD HH:MM:SS", also UTC; the adapter also reads integer epoch milliseconds), Boolean as
//   0/1, enums as their text.
// - PostgreSQL: DateTime as timestamp(3) holding UTC wall-clock time, boolean, enum types.
import { CopyError } from "@/tools/db-copy/errors";
import type { ColumnInfo } from "@/tools/db-copy/plan-tables";

/** A value on its way from the source to the target. Dates are instants; booleans are booleans. */
export type CellValue = string | number | bigint | boolean | Date | Uint8Array | null;

type SqliteValue = string | number | bigint | Buffer | null;

const SQLITE_UTC_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A DateTime as SQLite holds it (ISO text, SQLite's own UTC text, or epoch milliseconds). */
export function parseSqliteDateTime(raw: string | number | bigint): Date {
  let date: Date;
  if (typeof raw === "number" || typeof raw === "bigint") date = new Date(Number(raw));
  else if (ISO_WITH_ZONE.test(raw)) date = new Date(raw.replace(" ", "T"));
  // No zone: SQLite's CURRENT_TIMESTAMP, which is UTC (JavaScript would read it as local time).
  else if (SQLITE_UTC_WITHOUT_ZONE.test(raw)) date = new Date(`${raw.replace(" ", "T")}Z`);
  else date = new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new Error("not a date and time");
  return date;
}

/** A PostgreSQL `timestamp without time zone` as text ("2026-03-01 08:00:00.123"): UTC wall-clock time. */
export function parsePostgresTimestamp(text: string): Date {
  const date = new Date(`${text.replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime()))
    throw new Error(`timestamp "${text}" has no instant (infinity or BC dates cannot be copied)`);
  return date;
}

/** The text Prisma's SQLite adapter writes for a DateTime. */
export function formatSqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function fail(table: string, column: ColumnInfo, what: string): never {
  throw new CopyError(`Cannot copy "${table}"."${column.name}" (${column.sqlType}): ${what}.`);
}

/** A raw better-sqlite3 value (read with safe integers) → the neutral form. */
export function fromSqlite(table: string, column: ColumnInfo, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  switch (column.kind) {
    case "datetime":
      if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "bigint") {
        return fail(table, column, `a ${typeof raw} is not a date`);
      }
      try {
        return parseSqliteDateTime(raw);
      } catch {
        return fail(table, column, "a value is not a date and time");
      }
    case "boolean":
      if (raw === 0n || raw === 0) return false;
      if (raw === 1n || raw === 1) return true;
      return fail(table, column, "a value is neither 0 nor 1");
    case "integer":
    case "float":
      if (typeof raw === "bigint") {
        if (raw > BigInt(Number.MAX_SAFE_INTEGER) || raw < BigInt(Number.MIN_SAFE_INTEGER)) {
          return fail(table, column, "a value is too large for an integer column");
        }
        return Number(raw);
      }
      return raw as number;
    case "bigint":
      return typeof raw === "number" ? BigInt(Math.trunc(raw)) : (raw as bigint);
    case "decimal":
      return typeof raw === "bigint" ? raw.toString() : (raw as string | number);
    case "bytes":
      return raw as Uint8Array;
    case "text":
    case "enum":
    case "json":
      return typeof raw === "string" ? raw : String(raw);
    default:
      return column.kind satisfies never;
  }
}

/** The neutral form → what better-sqlite3 binds into a column of this kind. */
export function toSqlite(column: ColumnInfo, value: CellValue): SqliteValue {
  if (value === null) return null;
  if (value instanceof Date) return column.kind === "datetime" ? formatSqliteDateTime(value) : value.toISOString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Uint8Array) return Buffer.from(value);
  return value;
}

/** The neutral form → a node-postgres parameter, cast in SQL to the column's type. */
export function toPostgres(value: CellValue): string | number | boolean | Buffer | null {
  if (value === null) return null;
  // An ISO string, not a Date: node-postgres would send a Date in the process's local time zone,
  // and a `timestamp without time zone` column drops the offset. Its zone (Z) is ignored, leaving
  // the UTC wall-clock time Prisma stores.
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value);
  return value;
}
