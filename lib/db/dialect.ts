// Everything that differs between SQLite and PostgreSQL, in one place. The rest of the code
// speaks plain Prisma and works on both.
import "server-only";
import { databaseProvider, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A case-insensitive "contains" filter. SQLite's LIKE already ignores ASCII case; PostgreSQL
 * needs `mode: "insensitive"` (ILIKE), which the SQLite client's types do not know.
 */
export function containsInsensitive(value: string): Prisma.StringFilter {
  return databaseProvider === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: value };
}

/**
 * Runs data-modifying statements (INSERT, UPDATE or DELETE, without RETURNING) that do not read one
 * another's writes, in the caller's transaction, and returns how many rows each changed.
 * PostgreSQL gets them as one statement of data-modifying CTEs — one round trip; foreign keys are
 * checked at the end of the statement, so a parent row and its children can go together. SQLite
 * runs in process and takes one statement per call, so they run in order.
 */
export async function executeTogether(tx: Tx, statements: Prisma.Sql[]): Promise<number[]> {
  if (databaseProvider === "postgresql") {
    const parts = statements.map((statement, i) => Prisma.sql`${Prisma.raw(`s${i}`)} AS (${statement} RETURNING 1)`);
    const counts = statements.map((_, i) => Prisma.raw(`(SELECT count(*) FROM s${i}) AS c${i}`));
    const [row] = await tx.$queryRaw<
      Record<string, bigint | number>[]
    >`WITH ${Prisma.join(parts)} SELECT ${Prisma.join(counts)}`;
    return statements.map((_, i) => Number(row?.[`c${i}`]));
  }
  const counts: number[] = [];
  for (const statement of statements) counts.push(await tx.$executeRaw(statement));
  return counts;
}

/**
 * Locks an incident row for the rest of the transaction, before it is read for a change.
 * PostgreSQL (READ COMMITTED) reads the incident and its steps in separate statements, so a
 * change committed between them looked like "current version, step already done" (422 instead of
 * 409); with the lock, a second writer waits and then reads the committed state whole. SQLite's
 * transactions already hold the write lock from BEGIN (lib/db/client.ts).
 */
export async function lockIncidentForChange(tx: Tx, incidentId: string): Promise<void> {
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incidentId} FOR NO KEY UPDATE`;
  }
}

/** Quotes a table or column name for raw SQL on the current database. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
