// SQL text helpers. (lib/db/dialect.ts has one too, but importing it opens
// the app's own database client; db:copy names its databases explicitly.) Pure.
import type { PlannedTable } from "@/tools/db-copy/plan-tables";

/** Quotes a table or column name; SQLite and PostgreSQL both use double quotes. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `INSERT … VALUES ($1::text, $2::"Role", …), (…)` for `rowCount` rows. */
export function insertSql(table: PlannedTable, rowCount: number): string {
  const names = table.columns.map((c) => quoteIdentifier(c.name)).join(", ");
  const width = table.columns.length;
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const cells = table.columns.map((column, i) => `$${row * width + i + 1}::${column.target.sqlType}`);
    rows.push(`(${cells.join(", ")})`);
  }
  return `INSERT INTO ${quoteIdentifier(table.name)} (${names}) VALUES ${rows.join(", ")}`;
}
