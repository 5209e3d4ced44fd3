// The Prisma client over the better-sqlite3 driver adapter (JS engine, no native binary).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient(): PrismaClient {
  const url = env.DATABASE_URL;
  if (url.startsWith("file:")) {
    fs.mkdirSync(path.dirname(path.resolve(url.slice("file:".length))), { recursive: true });
  }
  // `timeout` is better-sqlite3's busy timeout: wait for a lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // WAL lets readers run beside the writer; FULL makes each commit durable on power loss.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  void client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  void client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

const globalForPrisma = globalThis as unknown as { slipcasePrisma?: PrismaClient };

/** One client per process (kept on globalThis so dev hot reloads do not open more). */
export const prisma: PrismaClient = globalForPrisma.slipcasePrisma ?? createClient();
globalForPrisma.slipcasePrisma = prisma;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
