// A raw write outside a transaction — a job claim, a lease renewal — waits for the write
// lock another connection holds (on SQLite an import's publish in its own process holds it for
// seconds; on PostgreSQL a row lock) and then succeeds, while this process goes on serving: the
// wait is not a blocked thread. It failed with SQLITE_BUSY after 5 s, having blocked the thread.
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "vitest";
import { databaseProvider, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

/** Longer than the 5 s busy timeout a single SQLite write used to give up after. */
const HOLD_MS = 6_000;

/** Takes the write lock (SQLite) or the merchant's row lock (PostgreSQL) on another connection. */
async function holdLock(merchantId: string): Promise<{ release(): Promise<void> }> {
  if (databaseProvider === "sqlite") {
    const other = new Database(env.DATABASE_URL.slice("file:".length));
    other.exec("BEGIN IMMEDIATE");
    return {
      async release() {
        other.exec("COMMIT");
        other.close();
      },
    };
  }
  const other = new pg.Client({ connectionString: env.DATABASE_URL });
  await other.connect();
  await other.query("BEGIN");
  await other.query(`SELECT 1 FROM "Merchant" WHERE "id" = $1 FOR UPDATE`, [merchantId]);
  return {
    async release() {
      await other.query("COMMIT");
      await other.end();
    },
  };
}

test("a raw write outside a transaction waits for another connection's lock, and the process keeps serving meanwhile", {
  timeout: 60_000,
}, async () => {
  const { id: merchantId } = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  const lock = await holdLock(merchantId);
  // The event loop's heartbeat while the write waits: it would stop if the wait blocked the thread.
  let ticks = 0;
  const ticking = setInterval(() => ticks++, 100);
  const released = new Promise<void>((resolve) => setTimeout(() => lock.release().then(resolve, resolve), HOLD_MS));
  const started = Date.now();
  try {
    const changed =
      await prisma.$executeRaw`UPDATE "Merchant" SET "name" = ${"Renamed while locked"} WHERE "id" = ${merchantId}`;
    expect(changed).toBe(1);
  } finally {
    clearInterval(ticking);
    await released;
  }
  expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 200);
  // Every 100 ms tick but a few: each attempt holds the thread for milliseconds, not seconds.
  expect(ticks).toBeGreaterThan((HOLD_MS / 100) * 0.75);
  expect((await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } })).name).toBe("Renamed while locked");
});
