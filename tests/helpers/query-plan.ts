// A query's plan as text, for the plan tests: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL
// with sequential scans ruled out.
import { databaseProvider, prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function explain(sql: Prisma.Sql): Promise<string> {
  if (databaseProvider === "postgresql") {
    const rows = await prisma.$transaction(async (tx) => {
      // A test database is small enough that a sequential scan would win; rule it out to see
      // which index the planner reaches for, as it does at scale.
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${sql}`;
    });
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }
  const rows = await prisma.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${sql}`;
  return rows.map((row) => row.detail).join("\n");
}
