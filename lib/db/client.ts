// The Prisma client for DATABASE_URL: SQLite through better-sqlite3 (the zero-setup default) or
// PostgreSQL through node-postgres — both on Prisma's JS engine, no native binary. Both clients
// are generated from one model (prisma/schema.prisma), so they share one TypeScript shape; what
// differs between the databases lives in lib/db/dialect.ts.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import { providerOf } from "@/lib/db/provider";
import { env } from "@/lib/env";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgresql/client";
import { PrismaClient } from "@/lib/generated/prisma/client";

export const databaseProvider = providerOf(env.DATABASE_URL);

/**
 * Changes to one merchant queue on its row lock (counter, audit chain). Under a burst the
 * defaults (2 s to get a connection, 5 s per transaction) turned queueing into 500s; these let a
 * request wait its turn instead.
 */
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

/**
 * SQLite whose transactions take the write lock at BEGIN (BEGIN IMMEDIATE). With the adapter's
 * deferred BEGIN, a transaction that reads and then writes fails at once with SQLITE_BUSY when
 * another process wrote in between (the busy timeout does not cover that upgrade), so two
 * instances over one file answered 500 under contention. Immediate transactions queue instead.
 */
class ImmediateTransactionsSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    // The adapter runs `BEGIN` through the better-sqlite3 handle it keeps as `client`.
    const database = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (typeof database?.prepare !== "function") throw new Error("Unexpected @prisma/adapter-better-sqlite3 shape");
    const prepare = database.prepare.bind(database);
    database.prepare = ((source: string) =>
      source === "BEGIN" ? patientBegin(prepare("BEGIN IMMEDIATE")) : prepare(source)) as typeof database.prepare;
    // A raw statement outside a transaction (a job claim, a lease renewal) waits for another
    // process's write lock — an import's publish holds it for seconds — a short busy timeout at a
    // time with timers between, so this process keeps serving while it waits, and it does not fail.
    // (Model writes run in an implicit transaction: patientBegin below.)
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = (query) => patiently(() => queryRaw(query));
    adapter.executeRaw = (query) => patiently(() => executeRaw(query));
    return adapter;
  }
}

/**
 * How long a statement outside a transaction (patiently) or a BEGIN (patientBegin) keeps waiting
 * for another process's write lock before it gives up.
 */
const LOCK_WAIT_MS = 120_000;

async function patiently<T>(attempt: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      // The adapter's DriverAdapterError carries the driver's code as cause.originalCode.
      const busy = (error as { cause?: { originalCode?: string } }).cause?.originalCode === "SQLITE_BUSY";
      if (!busy || Date.now() >= giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}

/** One attempt's wait for another process's write lock (better-sqlite3 waits synchronously). */
const BUSY_TIMEOUT_MS = 10;

/**
 * BEGIN IMMEDIATE that waits out SQLITE_BUSY beyond one busy timeout. The adapter takes its
 * transaction mutex before BEGIN and does not give it back when BEGIN throws, so a BUSY there left
 * every later transaction of the process hanging for good (two workers on one file, a long import
 * beside a request). Waiting — as PostgreSQL waits on a lock — keeps the mutex's promise.
 */
function patientBegin(begin: BetterSqlite3.Statement): BetterSqlite3.Statement {
  const run = () => {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        return begin.run();
      } catch (error) {
        const busy = (error as { code?: string }).code === "SQLITE_BUSY";
        if (!busy || Date.now() >= giveUpAt) throw error;
      }
    }
  };
  return Object.assign(Object.create(begin) as BetterSqlite3.Statement, { run });
}

function createSqliteClient(url: string): PrismaClient {
  fs.mkdirSync(path.dirname(path.resolve(url.slice("file:".length))), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout: how long one attempt waits for a lock, blocking
  // this thread; statements outside a transaction try again after a timer (patiently), BEGIN
  // at once (patientBegin).
  const client = new PrismaClient({
    adapter: new ImmediateTransactionsSQLite({ url, timeout: BUSY_TIMEOUT_MS }),
    transactionOptions,
  });
  // WAL lets readers run beside the writer; FULL makes each commit durable on power loss.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  void client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  void client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

function createPostgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: env.DATABASE_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    // Scripts (seed, audit:verify) end when their work is done instead of waiting out idle connections.
    allowExitOnIdle: true,
  });
  // Same models, same queries: the PostgreSQL client is used through the shared client type.
  return new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
}

function createClient(): PrismaClient {
  return databaseProvider === "postgresql"
    ? createPostgresClient(env.DATABASE_URL)
    : createSqliteClient(env.DATABASE_URL);
}

const globalForPrisma = globalThis as unknown as { slipcasePrisma?: PrismaClient };

/** One client per process (kept on globalThis so dev hot reloads do not open more). */
export const prisma: PrismaClient = globalForPrisma.slipcasePrisma ?? createClient();
globalForPrisma.slipcasePrisma = prisma;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
