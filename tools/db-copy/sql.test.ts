import { expect, test } from "vitest";
import type { PlannedTable } from "@/tools/db-copy/plan-tables";
import { insertSql, quoteIdentifier } from "@/tools/db-copy/sql";

test("quotes identifiers, doubling embedded quotes", () => {
  expect(quoteIdentifier("user")).toBe('"user"');
  expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
});

test("a multi-row INSERT numbers parameters row by row and casts each to its column's type", () => {
  const table: PlannedTable = {
    name: "Membership",
    columns: [
      {
        name: "id",
        source: { name: "id", kind: "text", sqlType: "TEXT" },
        target: { name: "id", kind: "text", sqlType: "text" },
      },
      {
        name: "role",
        source: { name: "role", kind: "text", sqlType: "TEXT" },
        target: { name: "role", kind: "enum", sqlType: '"Role"' },
      },
    ],
  };
  expect(insertSql(table, 2)).toBe(
    'INSERT INTO "Membership" ("id", "role") VALUES ($1::text, $2::"Role"), ($3::text, $4::"Role")',
  );
});
