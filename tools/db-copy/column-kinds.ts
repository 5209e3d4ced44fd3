// How each database spells a column's type, mapped to the kinds db:copy converts between. Pure:
// an unknown type fails loudly instead of being copied as something it is not.
import { CopyError } from "@/tools/db-copy/errors";
import type { ColumnKind } from "@/tools/db-copy/plan-tables";

/** SQLite's declared column types as Prisma's migrations write them. */
const KIND_OF_DECLARED_TYPE: Record<string, ColumnKind> = {
  TEXT: "text",
  INTEGER: "integer",
  INT: "integer",
  BIGINT: "bigint",
  REAL: "float",
  DOUBLE: "float",
  FLOAT: "float",
  DECIMAL: "decimal",
  BOOLEAN: "boolean",
  DATETIME: "datetime",
  BLOB: "bytes",
  JSONB: "json",
};

export function kindOfSqliteType(table: string, column: string, declaredType: string): ColumnKind {
  const kind = KIND_OF_DECLARED_TYPE[declaredType.toUpperCase().replace(/\(.*\)$/, "")];
  if (!kind) {
    throw new CopyError(
      `Column "${table}"."${column}" has the SQLite type "${declaredType}", which db:copy does not handle.`,
    );
  }
  return kind;
}

const TEXT_TYPES = new Set(["text", "varchar", "bpchar", "uuid", "citext"]);
const KIND_OF_TYPE: Record<string, ColumnKind> = {
  int2: "integer",
  int4: "integer",
  int8: "bigint",
  float4: "float",
  float8: "float",
  numeric: "decimal",
  bool: "boolean",
  timestamp: "datetime",
  timestamptz: "datetime",
  bytea: "bytes",
  json: "json",
  jsonb: "json",
};

export function kindOfPostgresType(table: string, column: string, typeName: string, typeType: string): ColumnKind {
  if (typeType === "e") return "enum";
  if (TEXT_TYPES.has(typeName)) return "text";
  const kind = KIND_OF_TYPE[typeName];
  if (!kind) {
    throw new CopyError(
      `Column "${table}"."${column}" has the PostgreSQL type "${typeName}", which db:copy does not handle.`,
    );
  }
  return kind;
}
