// A transaction kept waiting by another process's write lock longer than SQLite's busy timeout
// (5 s) must neither fail nor leave the instance stuck. The SQLite adapter takes its transaction
// mutex before BEGIN and never gave it back when BEGIN threw SQLITE_BUSY: every later transaction
// of the process then hung for good (found by bench:deadlines with two workers on one file).
// PostgreSQL waits on the row lock as it always did; the same behaviour is asserted on both.
import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { databaseProvider, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

const HOLD_MS = 7_000;

/** Another process that holds the write lock (SQLite) or the merchant row's lock (PostgreSQL) for HOLD_MS. */
function holdWriteLock(merchantId: string): Promise<{ released: Promise<void> }> {
  const script =
    databaseProvider === "sqlite"
      ? `const db = require("better-sqlite3")(${JSON.stringify(env.DATABASE_URL.slice("file:".length))});
         db.prepare("BEGIN IMMEDIATE").run();
         console.log("locked");
         setTimeout(() => { db.prepare("COMMIT").run(); db.close(); }, ${HOLD_MS});`
      : `const { Client } = require("pg");
         (async () => {
           const client = new Client({ connectionString: ${JSON.stringify(env.DATABASE_URL)} });
           await client.connect();
           await client.query("BEGIN");
           await client.query('SELECT "id" FROM "Merchant" WHERE "id" = $1 FOR UPDATE', [${JSON.stringify(merchantId)}]);
           console.log("locked");
           setTimeout(async () => { await client.query("COMMIT"); await client.end(); }, ${HOLD_MS});
         })();`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve({ released });
    });
    child.on("error", reject);
  });
}

const touch = (merchantId: string) =>
  prisma.$transaction((tx) => tx.merchant.update({ where: { id: merchantId }, data: { updatedAt: new Date() } }));

test("a write kept waiting past the busy timeout by another process goes through, and the next ones too", async () => {
  const { id: merchantId } = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  const { released } = await holdWriteLock(merchantId);
  const started = Date.now();
  await expect(touch(merchantId)).resolves.toMatchObject({ id: merchantId });
  expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 1_000);
  await released;
  // The instance is not stuck: the next transactions run at once.
  const next = Date.now();
  await touch(merchantId);
  await touch(merchantId);
  expect(Date.now() - next).toBeLessThan(3_000);
}, 40_000);
