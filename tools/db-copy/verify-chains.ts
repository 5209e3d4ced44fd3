// Recomputes every merchant's audit hash chain in a named database, reading it through the app's
// own Prisma client for that provider — so what is checked is what the app will see.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type ChainReport, verifyAllChainsWith, verifyChainWith } from "@/lib/audit/verify-chain-with";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgresql/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DatabaseLocation } from "@/tools/db-copy/database-url";

/** A Prisma client for one database (not the app's DATABASE_URL); disconnect it when done. */
export function prismaClientFor(location: DatabaseLocation): PrismaClient {
  if (location.provider === "sqlite")
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: location.url }) });
  // Both clients come from one model, so they share one shape (as in lib/db/client.ts).
  return new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: location.url, max: 2 }, { schema: location.schema }),
  }) as unknown as PrismaClient;
}

export async function verifyAllChainsAt(location: DatabaseLocation): Promise<ChainReport[]> {
  const client = prismaClientFor(location);
  try {
    return await verifyAllChainsWith(client);
  } finally {
    await client.$disconnect();
  }
}

export async function verifyChainAt(location: DatabaseLocation, merchantId: string): Promise<ChainReport> {
  const client = prismaClientFor(location);
  try {
    return await verifyChainWith(client, { merchantId });
  } finally {
    await client.$disconnect();
  }
}
