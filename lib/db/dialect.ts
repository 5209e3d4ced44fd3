// Everything that differs between SQLite and PostgreSQL, in one place. The rest of the code
// speaks plain Prisma and works on both.
import "server-only";
import { databaseProvider, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

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
 * Serialises appends to one merchant's audit chain for the rest of the transaction. SQLite
 * already has a single writer at a time; PostgreSQL takes a row lock on the merchant, so two
 * instances appending at once queue instead of both reading the same last link. NO KEY UPDATE,
 * not UPDATE: a transaction that has inserted a row referencing the merchant (a user, a store)
 * already holds the foreign key's KEY SHARE lock on it, and upgrading that to FOR UPDATE while an
 * incident create holds the row (its counter) deadlocked.
 */
export async function lockMerchantChain(tx: Tx, merchantId: string): Promise<void> {
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT id FROM "Merchant" WHERE id = ${merchantId} FOR NO KEY UPDATE`;
  }
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
