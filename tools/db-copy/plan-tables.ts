// Which tables to copy, in which order, column by column — derived from the two databases' own
// catalogs (the migrated schema and its foreign keys), never from a hand-kept list. Pure.
import { CopyError } from "@/tools/db-copy/errors";

/** What a column holds, independent of how each database spells its type. */
export type ColumnKind =
  | "text"
  | "enum"
  | "integer"
  | "bigint"
  | "float"
  | "decimal"
  | "boolean"
  | "datetime"
  | "bytes"
  | "json";

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** The database's own type name (PostgreSQL: what a parameter is cast to, e.g. `"Role"`). */
  sqlType: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Tables this table's foreign keys point to. */
  references: string[];
}

export interface PlannedColumn {
  name: string;
  source: ColumnInfo;
  target: ColumnInfo;
}

export interface PlannedTable {
  name: string;
  /** In the target's column order. */
  columns: PlannedColumn[];
}

/** Tables that belong to the migration tool, not to the app. */
export function isBookkeepingTable(name: string): boolean {
  return name.startsWith("_prisma_");
}

/**
 * The copy plan: every app table of the target, parents before children, each column paired with
 * the source's. Fails loudly when the schemas differ (a table or column only on one side, types
 * that cannot be converted) or when the foreign keys form a cycle that no insert order satisfies.
 */
export function planTables({ source, target }: { source: TableInfo[]; target: TableInfo[] }): PlannedTable[] {
  const sourceTables = new Map(source.filter((t) => !isBookkeepingTable(t.name)).map((t) => [t.name, t]));
  const targetTables = target.filter((t) => !isBookkeepingTable(t.name));
  if (sourceTables.size === 0) throw new CopyError("The source has no tables: is it a migrated Slipcase database?");
  if (targetTables.length === 0) throw new CopyError("The target has no tables after migrating: nothing to copy into.");

  const problems: string[] = [];
  const targetNames = new Set(targetTables.map((t) => t.name));
  for (const name of sourceTables.keys()) {
    if (!targetNames.has(name)) problems.push(`table "${name}" is in the source but not in the target's schema`);
  }
  const planned = new Map<string, PlannedTable>();
  for (const table of targetTables) {
    const sourceTable = sourceTables.get(table.name);
    if (!sourceTable) {
      problems.push(`table "${table.name}" is in the target's schema but not in the source`);
      continue;
    }
    const sourceColumns = new Map(sourceTable.columns.map((c) => [c.name, c]));
    const targetColumnNames = new Set(table.columns.map((c) => c.name));
    for (const column of sourceTable.columns) {
      if (!targetColumnNames.has(column.name)) {
        problems.push(`column "${table.name}"."${column.name}" is in the source but not in the target`);
      }
    }
    const columns: PlannedColumn[] = [];
    for (const column of table.columns) {
      const sourceColumn = sourceColumns.get(column.name);
      if (!sourceColumn) {
        problems.push(`column "${table.name}"."${column.name}" is in the target but not in the source`);
      } else if (!compatible(sourceColumn.kind, column.kind)) {
        problems.push(
          `column "${table.name}"."${column.name}" is ${sourceColumn.kind} (${sourceColumn.sqlType}) in the source but ${column.kind} (${column.sqlType}) in the target`,
        );
      } else {
        columns.push({ name: column.name, source: sourceColumn, target: column });
      }
    }
    planned.set(table.name, { name: table.name, columns });
  }
  if (problems.length > 0) {
    throw new CopyError(
      `The source and target schemas differ, so the copy would lose or garble data:\n  - ${problems.join("\n  - ")}\nMigrate both to the same version of Slipcase first (npm run db:migrate with DATABASE_URL set to each).`,
    );
  }
  return orderByForeignKeys(targetTables).map((name) => planned.get(name) as PlannedTable);
}

/** An enum is text in SQLite; every other kind must match exactly. */
function compatible(source: ColumnKind, target: ColumnKind): boolean {
  if (source === target) return true;
  const textual = new Set<ColumnKind>(["text", "enum"]);
  return textual.has(source) && textual.has(target);
}

/**
 * Table names so that every table comes after the tables it references (Kahn's algorithm; ties
 * broken by name so the order is stable). A cycle, including a table referencing itself, has no
 * such order and is refused.
 */
export function orderByForeignKeys(tables: readonly TableInfo[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const waitingOn = new Map(tables.map((t) => [t.name, new Set(t.references.filter((r) => names.has(r)))]));
  const order: string[] = [];
  for (;;) {
    const ready = [...waitingOn].filter(([, parents]) => parents.size === 0).map(([name]) => name);
    if (ready.length === 0) break;
    ready.sort();
    for (const name of ready) {
      order.push(name);
      waitingOn.delete(name);
    }
    for (const parents of waitingOn.values()) for (const name of ready) parents.delete(name);
  }
  if (waitingOn.size > 0) {
    throw new CopyError(
      `The foreign keys of ${[...waitingOn.keys()].sort().join(", ")} form a cycle (or a table references itself), which db:copy cannot order: copy these tables by hand.`,
    );
  }
  return order;
}
