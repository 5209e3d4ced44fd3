import { describe, expect, test } from "vitest";
import { type ColumnInfo, orderByForeignKeys, planTables, type TableInfo } from "@/tools/db-copy/plan-tables";

const text = (name: string): ColumnInfo => ({ name, kind: "text", sqlType: "TEXT" });

function table(name: string, references: string[] = [], columns: ColumnInfo[] = [text("id")]): TableInfo {
  return { name, columns, references };
}

describe("orderByForeignKeys", () => {
  test("puts every table after the tables it references, whatever order they come in", () => {
    const tables = [
      table("IncidentStep", ["Incident", "user"]),
      table("Incident", ["Merchant", "Store", "Terminal", "user"]),
      table("Terminal", ["Merchant", "Store"]),
      table("user"),
      table("Store", ["Merchant"]),
      table("Merchant"),
    ];
    const order = orderByForeignKeys(tables);
    for (const t of tables) {
      for (const parent of t.references) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(t.name));
    }
    expect(order).toHaveLength(tables.length);
    expect(orderByForeignKeys([...tables].reverse())).toEqual(order);
  });

  test("refuses a cycle and a table that references itself", () => {
    expect(() => orderByForeignKeys([table("A", ["B"]), table("B", ["A"]), table("C")])).toThrow(
      "The foreign keys of A, B form a cycle",
    );
    expect(() => orderByForeignKeys([table("Incident", ["Incident"])])).toThrow("form a cycle");
  });
});

describe("planTables", () => {
  const sqliteIncident = table(
    "Incident",
    ["Merchant"],
    [
      text("id"),
      { name: "kind", kind: "text", sqlType: "TEXT" },
      { name: "at", kind: "datetime", sqlType: "DATETIME" },
    ],
  );
  const postgresIncident = table(
    "Incident",
    ["Merchant"],
    [
      { name: "at", kind: "datetime", sqlType: "timestamp(3) without time zone" },
      text("id"),
      { name: "kind", kind: "enum", sqlType: '"IncidentKind"' },
    ],
  );

  test("pairs columns by name in the target's order and leaves out the migrations table", () => {
    const plan = planTables({
      source: [sqliteIncident, table("Merchant"), table("_prisma_migrations")],
      target: [postgresIncident, table("Merchant"), table("_prisma_migrations")],
    });
    expect(plan.map((t) => t.name)).toEqual(["Merchant", "Incident"]);
    expect(plan[1].columns.map((c) => [c.name, c.source.kind, c.target.sqlType])).toEqual([
      ["at", "datetime", "timestamp(3) without time zone"],
      ["id", "text", "TEXT"],
      ["kind", "text", '"IncidentKind"'],
    ]);
  });

  test("fails loudly, naming each difference, when the schemas differ", () => {
    const withExtraColumn = table("Merchant", [], [text("id"), text("mid")]);
    const run = () =>
      planTables({
        source: [sqliteIncident, table("Merchant"), table("Legacy")],
        target: [postgresIncident, withExtraColumn, table("RateLimit")],
      });
    expect(run).toThrow('table "Legacy" is in the source but not in the target');
    expect(run).toThrow('table "RateLimit" is in the target\'s schema but not in the source');
    expect(run).toThrow('column "Merchant"."mid" is in the target but not in the source');
  });

  test("refuses a column whose kinds cannot be converted", () => {
    const target = table("Merchant", [], [{ name: "id", kind: "integer", sqlType: "integer" }]);
    expect(() => planTables({ source: [table("Merchant")], target: [target] })).toThrow(
      'column "Merchant"."id" is text (TEXT) in the source but integer (integer) in the target',
    );
  });

  test("refuses an empty source or target", () => {
    expect(() => planTables({ source: [table("_prisma_migrations")], target: [table("Merchant")] })).toThrow(
      "The source has no tables",
    );
    expect(() => planTables({ source: [table("Merchant")], target: [] })).toThrow("The target has no tables");
  });
});
