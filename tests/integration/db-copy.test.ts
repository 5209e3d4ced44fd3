// `npm run db:copy` end to end: the real command in a child process, the file's own app database
// (filled through the route handlers) as the source. SQLite targets always run; PostgreSQL targets
// are registered only when TEST_POSTGRES_URL names a server where databases may be created.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as signInHandler } from "@/app/api/auth/sign-in/route";
import { verifyAllChainsWith } from "@/lib/audit/verify-chain-with";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";
import { prisma } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { defaultPlan } from "@/lib/notifications/plan";
import { jsonRequest } from "@/tests/helpers/api";
import { closedIncident, completeSteps, createAs, logIncident } from "@/tests/helpers/incidents";
import { createDatabase, databaseUrl, dropDatabases, uniqueDatabaseName } from "@/tests/helpers/test-database";
import { csv, importFile } from "@/tests/integration/reconciliation-import-fixtures";
import { type DatabaseLocation, locateDatabase } from "@/tools/db-copy/database-url";
import { prismaClientFor } from "@/tools/db-copy/verify-chains";

const COPY_TIMEOUT = 180_000;
const postgresAdminUrl = process.env.TEST_POSTGRES_URL;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-db-copy-"));
const appUrl = process.env.DATABASE_URL as string;

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run db:copy -- …` as an operator would (without npm's banner). */
function dbCopy(...args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "tools/db-copy/cli.ts", ...args],
      { env: process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function sqliteTarget(name: string): string {
  return `file:${path.join(workDir, `${name}.db`)}`;
}

function location(url: string): DatabaseLocation {
  return locateDatabase(url, process.cwd());
}

function sqliteFile(url: string): string {
  const found = location(url);
  if (found.provider !== "sqlite") throw new Error(`${url} is not a SQLite URL`);
  return found.file;
}

type Delegate = { findMany(): Promise<Record<string, unknown>[]>; count(): Promise<number> };

/** Every model of the Prisma schema, so a table added to the schema is covered here without a list to keep. */
const MODELS = Object.values(Prisma.ModelName);

function delegate(client: PrismaClient, model: string): Delegate {
  return (client as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)];
}

async function rowCounts(client: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of MODELS) counts[model] = await delegate(client, model).count();
  return counts;
}

/** Every row of every model as the app reads it, in a stable order. */
async function allRows(client: PrismaClient): Promise<Record<string, Record<string, unknown>[]>> {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const model of MODELS) {
    const found = await delegate(client, model).findMany();
    const key = (row: Record<string, unknown>) =>
      JSON.stringify(Object.entries(row).sort(), (_, value) => (typeof value === "bigint" ? `${value}n` : value));
    rows[model] = found.sort((a, b) => key(a).localeCompare(key(b)));
  }
  return rows;
}

async function withClient<T>(url: string, work: (client: PrismaClient) => Promise<T>): Promise<T> {
  const client = prismaClientFor(location(url));
  try {
    return await work(client);
  } finally {
    await client.$disconnect();
  }
}

/** A SQLite copy of `url` (VACUUM INTO, not a file copy: the app's file is in WAL mode), changed by `change`. */
function alteredCopyOf(sqliteUrl: string, name: string, change: string): string {
  const copy = path.join(workDir, `${name}.db`);
  const original = new Database(sqliteFile(sqliteUrl), { readonly: true });
  original.prepare("VACUUM INTO ?").run(copy);
  original.close();
  const db = new Database(copy);
  db.pragma("foreign_keys = OFF");
  db.exec(change);
  db.close();
  return `file:${copy}`;
}

/** A source whose copy must fail at IncidentStep: one step points at no incident. */
function brokenCopyOf(sqliteUrl: string, name: string): string {
  return alteredCopyOf(
    sqliteUrl,
    name,
    `INSERT INTO "IncidentStep" ("id", "incidentId", "key", "position", "status") VALUES ('orphan-step', 'no-such-incident', 'HALT', 1, 'PENDING')`,
  );
}

function expectNoStackTrace(result: CommandResult) {
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
}

let sampleIncidentId: string;
let sourceRows: Record<string, Record<string, unknown>[]>;

beforeAll(async () => {
  // Rows in every table: closed and half-done incidents (steps, audit events), an idempotent
  // create (IdempotencyKey), sessions and accounts from signing in, throttle counters from a
  // wrong password, and a verification token.
  const closed = await closedIncident({
    kind: "unsigned_slip",
    description: `Signed "later" – 顾客未签名即离店。 It's fine;\n second line`,
  });
  await completeSteps(await logIncident({ kind: "pin_error", terminalId: "T1000002", amount: "12.30" }), ["halt"]);
  const idempotent = await createAs(
    "cashier",
    { kind: "wrong_amount", terminalId: "T1000001", amount: "5.00" },
    { "Idempotency-Key": "db-copy-test-1" },
  );
  expect(idempotent.status).toBe(201);
  // A wrong password leaves sign-in throttle counters (SignInThrottle).
  const wrongPassword = await signInHandler(
    jsonRequest("http://localhost/api/auth/sign-in", {
      method: "POST",
      body: { email: "cashier2@demo.test", password: "not-the-password" },
    }),
    {},
  );
  expect(wrongPassword.status).toBe(401);
  await prisma.verification.create({
    data: { identifier: "reset:cashier@demo.test", value: "token", expiresAt: new Date(Date.now() + 3_600_000) },
  });
  // The reconciliation: a journal, a statement and a bank file through the real import job
  // (lines with BigInt amounts and integer ids, exceptions, settlements), a saved format and a job.
  const { id: merchantId } = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  const journal = await importFile({
    merchantId,
    type: "pos_journal",
    content: csv([
      ["交易时间", "终端号", "卡号", "交易类型", "交易金额", "参考号", "凭证号", "批次号", "交易状态"],
      [
        "2026-10-01 10:00:00",
        "T1000001",
        "622202******0128",
        "消费",
        "12.50",
        "100000000001",
        "000001",
        "000001",
        "成功",
      ],
      [
        "2026-10-01 11:00:00",
        "T1000001",
        "622202******0129",
        "消费",
        "8.00",
        "100000000002",
        "000002",
        "000001",
        "成功",
      ],
    ]),
  });
  const statement = await importFile({
    merchantId,
    type: "statement",
    content: csv([
      ["清算日期", "交易时间", "终端号", "交易类型", "交易金额", "手续费", "结算金额", "参考号"],
      ["2026-10-02", "2026-10-01 10:00:00", "T1000001", "消费", "12.50", "0.10", "12.40", "100000000001"],
    ]),
  });
  const bank = await importFile({
    merchantId,
    type: "bank_credit",
    content: csv([
      ["交易日期", "贷方金额", "摘要"],
      ["2026-10-03", "22,064,958.71", "POS settlement"],
    ]),
  });
  expect([journal.status, statement.status, bank.status]).toEqual(["done", "done", "done"]);
  await prisma.$transaction((tx) => enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: "x" } }));
  const finance = await prisma.user.findFirstOrThrow({ select: { id: true } });
  await prisma.reconFormat.create({
    data: {
      merchantId,
      name: "Bank, 分",
      type: "bank_credit",
      mapping: '{"date":"日期"}',
      amountUnit: "fen",
      createdById: finance.id,
    },
  });
  // Issue 9: a kind's emergency plan changed from the default, and a prevention action from the
  // closed incident (the notifications came with the creates).
  await prisma.notificationPlan.create({
    data: { merchantId, kind: "PIN_ERROR", plan: JSON.stringify(defaultPlan("pin_error")), updatedById: finance.id },
  });
  await prisma.preventionAction.create({
    data: {
      merchantId,
      storeId: null,
      type: "signage",
      note: "A 'please sign' card at till 1",
      assigneeId: finance.id,
      dueAt: new Date("2026-12-14T15:59:59Z"),
      createdById: finance.id,
      incidents: { create: [{ incidentId: closed.id }] },
    },
  });
  // Issue 9: a holiday in the business calendar (the incidents brought their deadlines).
  await prisma.calendarDay.create({ data: { merchantId, date: "2026-12-25", type: "holiday", name: "Shop closed" } });
  // Issue 10: a signed checkpoint of the audit chain's head.
  await writeCheckpoint({ merchantId, source: "schedule" });
  // Issue 10: the alert webhook, one delivery and its attempt.
  await prisma.webhookEndpoint.create({
    data: { merchantId, url: "https://hooks.example/slipcase", secret: "whsec_c2VjcmV0", updatedById: finance.id },
  });
  await prisma.webhookDelivery.create({
    data: {
      id: "msg_dbcopy",
      merchantId,
      type: "alert.raised",
      payload: '{"type":"alert.raised","timestamp":"2026-12-01T08:00:00.000Z","data":{}}',
      status: "delivered",
      attempts: 1,
      nextAttemptAt: new Date("2026-12-01T08:00:00Z"),
      deliveredAt: new Date("2026-12-01T08:00:01Z"),
      attemptsLog: { create: [{ at: new Date("2026-12-01T08:00:00Z"), statusCode: 200, durationMs: 41 }] },
    },
  });
  // Issue 10: an alert rule the admin set and an alert it raised (open, so its openKey is set).
  await prisma.alertRule.create({
    data: {
      merchantId,
      type: "unsigned_streak",
      params: '{"count":3,"days":7}',
      notify: '{"roles":["SUPERVISOR"],"userIds":[]}',
      drillKind: "unsigned_slip",
      updatedById: finance.id,
    },
  });
  await prisma.alert.create({
    data: {
      merchantId,
      ruleType: "unsigned_streak",
      storeId: closed.storeId,
      subjectType: "terminal",
      subjectId: closed.terminalId,
      subjectLabel: "T-0001",
      conditionKey: `unsigned_streak:terminal:${closed.terminalId}`,
      openKey: `unsigned_streak:terminal:${closed.terminalId}`,
      evidence: JSON.stringify({ incidents: [{ id: closed.id }] }),
    },
  });
  // Issue 10: the dashboard's summaries (the incident one is kept by the creates above).
  await prisma.dashboardRollupState.create({
    data: { merchantId, timeZone: "Asia/Shanghai", builtAt: new Date("2026-12-01T08:00:00Z") },
  });
  await prisma.dashboardTransactionDay.create({
    data: {
      merchantId,
      dimension: "line",
      day: "2026-11-30",
      storeId: closed.storeId,
      terminal: "T-0001",
      operator: "007",
      hour: "",
      transactions: 420,
      sales: 400,
      unsigned: 3,
      declines: 9,
      duplicates: 1,
      voids: 4,
      refunds: 2,
    },
  });
  sampleIncidentId = closed.id;
  sourceRows = await allRows(prisma);
  for (const model of MODELS) expect(sourceRows[model].length, `${model} rows in the source`).toBeGreaterThan(0);
}, COPY_TIMEOUT);

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("arguments and unreachable databases (no copy made)", { timeout: COPY_TIMEOUT }, () => {
  test("a missing --to exits 2 with the usage text and no stack trace", async () => {
    const result = await dbCopy("--from", appUrl);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--to is required");
    expect(result.stderr).toContain("Usage: npm run db:copy");
    expectNoStackTrace(result);
  });

  test("the same database as source and target is refused", async () => {
    const result = await dbCopy("--from", "file:./data/x.db", "--to", "file:data/../data/x.db");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from and --to name the same database");
  });

  test("an unreachable PostgreSQL target fails with a clear message that hides the password", async () => {
    const result = await dbCopy("--from", appUrl, "--to", "postgresql://slipcase:hunter2@127.0.0.1:9/slipcase");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach PostgreSQL database "slipcase" on localhost:9: connection refused');
    expect(`${result.stdout}${result.stderr}`).not.toContain("hunter2");
    expectNoStackTrace(result);
  });

  test("a source file that does not exist fails with a clear message", async () => {
    const result = await dbCopy("--from", sqliteTarget("missing"), "--to", sqliteTarget("never-written"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SQLite file .*missing\.db does not exist/);
    expect(fs.existsSync(sqliteFile(sqliteTarget("never-written")))).toBe(false);
    expectNoStackTrace(result);
  });
});

describe("into a new SQLite file", { timeout: COPY_TIMEOUT }, () => {
  const target = sqliteTarget("copy");
  let first: CommandResult;

  beforeAll(async () => {
    first = await dbCopy("--from", appUrl, "--to", target);
  }, COPY_TIMEOUT);

  test("exits 0 and reports equal row counts and intact audit chains", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^total\s+[\d,]+\s+[\d,]+\s+ok$/m);
    expect(first.stdout).toContain("all intact");
    expect(first.stdout).not.toContain("DIFFERS");
  });

  test("every row of every model reads back identical through Prisma", async () => {
    expect(await withClient(target, allRows)).toEqual(sourceRows);
  });

  test("a second copy into the now non-empty target is refused and changes nothing", async () => {
    const before = await withClient(target, rowCounts);
    const second = await dbCopy("--from", appUrl, "--to", target);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("already holds data");
    expect(second.stderr).toContain("nothing was written");
    expectNoStackTrace(second);
    expect(await withClient(target, rowCounts)).toEqual(before);
  });

  test("a copy that fails mid-way names the table and leaves the target empty", async () => {
    const broken = brokenCopyOf(target, "broken-source");
    const failedTarget = sqliteTarget("failed-copy");
    const result = await dbCopy("--from", broken, "--to", failedTarget);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Copying table "IncidentStep" failed');
    expect(result.stderr).toContain("rolled back");
    expectNoStackTrace(result);
    const counts = await withClient(failedTarget, rowCounts);
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
  });

  test("a source whose audit chain was edited copies, fails verification, and leaves the target empty", async () => {
    const tampered = alteredCopyOf(
      target,
      "tampered-source",
      `UPDATE "AuditEvent" SET "after" = '{"edited":true}' WHERE "seq" = 2`,
    );
    const tamperedTarget = sqliteTarget("tampered-copy");
    const result = await dbCopy("--from", tampered, "--to", tamperedTarget);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The audit chain does not verify on the target, so the target was emptied again");
    expect(result.stderr).toMatch(/broken at seq 2 .*content does not match its hash/);
    expect(result.stderr).toContain("The source's chain is broken at the same event");
    const counts = await withClient(tamperedTarget, rowCounts);
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
  });
});

// PostgreSQL targets need a server; without TEST_POSTGRES_URL these tests are not registered at all.
if (postgresAdminUrl) {
  describe("into PostgreSQL (TEST_POSTGRES_URL)", { timeout: COPY_TIMEOUT }, () => {
    const created: string[] = [];
    // The source is the app database when it is SQLite (a PostgreSQL test run copies it to SQLite first).
    let source: string;
    let target: string;
    let first: CommandResult;

    async function freshDatabase(): Promise<string> {
      const name = uniqueDatabaseName("copy");
      await createDatabase(postgresAdminUrl as string, name);
      created.push(name);
      return databaseUrl(postgresAdminUrl as string, name);
    }

    beforeAll(async () => {
      source = appUrl;
      if (!appUrl.startsWith("file:")) {
        source = sqliteTarget("sqlite-source");
        expect((await dbCopy("--from", appUrl, "--to", source)).code).toBe(0);
      }
      target = await freshDatabase();
      first = await dbCopy("--from", source, "--to", target);
    }, COPY_TIMEOUT);

    afterAll(async () => {
      await dropDatabases(postgresAdminUrl, created);
    });

    test("copies SQLite into PostgreSQL: exit 0, equal row counts, intact chains", async () => {
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("all intact");
      expect(await withClient(target, rowCounts)).toEqual(
        Object.fromEntries(MODELS.map((model) => [model, sourceRows[model].length])),
      );
    });

    test("an incident reads back identical field by field, its dates to the millisecond", async () => {
      const read = (client: PrismaClient) =>
        client.incident.findUniqueOrThrow({
          where: { id: sampleIncidentId },
          include: { steps: { orderBy: { position: "asc" } }, events: { orderBy: { seq: "asc" } } },
        });
      const original = await read(prisma);
      const copied = await withClient(target, read);
      for (const [field, value] of Object.entries(original)) {
        const copiedValue = copied[field as keyof typeof copied];
        expect(copiedValue, field).toEqual(value);
        if (value instanceof Date) expect((copiedValue as Date).getTime(), field).toBe(value.getTime());
      }
      expect(copied.events.length).toBeGreaterThan(0);
      expect(copied.events.map((event) => event.createdAt.getTime())).toEqual(
        original.events.map((event) => event.createdAt.getTime()),
      );
    });

    test("every row of every model reads back identical, and the audit chains verify on the target", async () => {
      expect(await withClient(target, allRows)).toEqual(sourceRows);
      const chains = await withClient(target, verifyAllChainsWith);
      expect(chains.length).toBeGreaterThan(0);
      expect(chains.every((chain) => chain.ok)).toBe(true);
    });

    test("a second copy into the now non-empty target is refused and changes nothing", async () => {
      const before = await withClient(target, allRows);
      const second = await dbCopy("--from", source, "--to", target);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("already holds data");
      expectNoStackTrace(second);
      expect(await withClient(target, allRows)).toEqual(before);
    });

    test("a line written after the copy takes an id past the copied ones (the sequence moved on)", async () => {
      const copiedMax = Math.max(...sourceRows.ReconLine.map((line) => Number(line.id)));
      await withClient(target, async (client) => {
        const [row] = await client.$queryRaw<{ id: number }[]>`
          INSERT INTO "ReconLine" ("merchantId", "importId", "source", "lineNo", "day", "amountMinor")
          VALUES ('m', 'i', 'bank', 2, '2026-10-03', 1) RETURNING "id"`;
        expect(row.id).toBeGreaterThan(copiedMax);
        await client.$executeRaw`DELETE FROM "ReconLine" WHERE "id" = ${row.id}`;
      });
    });

    test("a copy that fails mid-way leaves the PostgreSQL target empty", async () => {
      const failedTarget = await freshDatabase();
      const broken = brokenCopyOf(source, "pg-broken-source");
      const result = await dbCopy("--from", broken, "--to", failedTarget);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Copying table "IncidentStep" failed');
      expect(result.stderr).toContain("violates foreign key constraint");
      const counts = await withClient(failedTarget, rowCounts);
      expect(Object.values(counts).every((count) => count === 0)).toBe(true);
    });

    test("copies PostgreSQL back into SQLite unchanged", async () => {
      const roundTrip = sqliteTarget("round-trip");
      const result = await dbCopy("--from", target, "--to", roundTrip);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(await withClient(roundTrip, allRows)).toEqual(sourceRows);
    });
  });
}
