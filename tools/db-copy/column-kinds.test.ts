import { describe, expect, test } from "vitest";
import { kindOfPostgresType, kindOfSqliteType } from "@/tools/db-copy/column-kinds";

describe("kindOfSqliteType", () => {
  test.each([
    ["DATETIME", "datetime"],
    ["BOOLEAN", "boolean"],
    ["INTEGER", "integer"],
    ["TEXT", "text"],
    ["DECIMAL(65,30)", "decimal"],
    ["bigint", "bigint"],
  ])("reads Prisma's %s as %s", (declared, kind) => {
    expect(kindOfSqliteType("t", "c", declared)).toBe(kind);
  });

  test("fails loudly on a type it does not know", () => {
    expect(() => kindOfSqliteType("Incident", "geo", "POINT")).toThrow(
      'Column "Incident"."geo" has the SQLite type "POINT", which db:copy does not handle.',
    );
  });
});

describe("kindOfPostgresType", () => {
  test.each([
    ["timestamp", "b", "datetime"],
    ["bool", "b", "boolean"],
    ["int4", "b", "integer"],
    ["text", "b", "text"],
    ["Role", "e", "enum"],
    ["jsonb", "b", "json"],
  ])("reads %s (typtype %s) as %s", (typeName, typeType, kind) => {
    expect(kindOfPostgresType("t", "c", typeName, typeType)).toBe(kind);
  });

  test("fails loudly on a type it does not know, such as an array", () => {
    expect(() => kindOfPostgresType("Incident", "tags", "_text", "b")).toThrow(
      'Column "Incident"."tags" has the PostgreSQL type "_text", which db:copy does not handle.',
    );
  });
});
