// npm run seed:scale — fills a database with a chain's worth of incidents, for measuring the
// lists (npm run bench:lists). Writes through the driver directly (better-sqlite3 or pg) in
// multi-row INSERTs inside large transactions: Prisma row by row would take hours.
//
//   DATABASE_URL=file:./data/scale.db npm run seed:scale -- --incidents 1000000
//   DATABASE_URL=postgresql://…/slipcase_scale npm run seed:scale -- --incidents 1000000
//
// Options: --incidents N (default 1,000,000), --stores N (500), --days N (365: createdAt spread
// over the last N days), --random-seed N (1), --keep-indexes (load with every index in place
// instead of dropping the secondary ones and building them after the load), --transactions N (0:
// POS journal lines, below), --transaction-days N (90: the lines spread over the N days to yesterday).
//
//   DATABASE_URL=… npm run seed:scale -- --incidents 1000000 --transactions 5000000
//   DATABASE_URL=… npm run seed:scale -- --incidents 0 --transactions 5000000   (lines added to a
//                                                                                seeded database)
//
// Transactions (issue 10's dashboard rates): N POS journal lines of one finished import, as the
// reconciliation leaves them (ReconLine, source pos, categories after matching): on the chain's
// terminals, three operators ("01"–"03") per store of whom about one in fifty is careless (five
// times the unsigned slips), the hours of a shop's day; about 2 % declined, 1 % unsigned, 1.5 %
// voids, 1 % refunds, 0.3 % duplicates. Written in multi-row INSERTs with ReconLine's secondary
// indexes dropped for the load. Last, the dashboard's summaries are counted from scratch
// (DashboardIncidentDay in the merchant's zone, DashboardTransactionDay) as the app would.
//
// The database is migrated first (prisma migrate deploy) and must hold no merchant yet. What it
// gets: one merchant ("Scale Chain") with N stores, 1–3 terminals each, two cashiers and a
// supervisor per store, three finance users and an admin — all with the password in
// SCALE_PASSWORD (default DEMO_PASSWORD, default slipcase-demo-2026), hashed once; incidents
// spread evenly over the days, kinds weighted, most closed, a few per cent open or in progress,
// the overdue ones among those; each with its five steps as the step rules make them, and its
// audit events (created, each step, closed) on the merchant's hash chain, so `npm run
// audit:verify` passes. Events are chained incident by incident (an incident's later step events
// come before the next incident's creation), which the chain does not mind.

import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { mulberry32 } from "@/bench/lib/random.mjs";
import { canonicalJson, eventHash, GENESIS_HASH } from "@/lib/audit/hash";
import { hashPassword } from "@/lib/auth/password";
import { rebuildIncidentDaysSql } from "@/lib/dashboard/incident-sql";
import { rebuildTransactionDaysSql } from "@/lib/dashboard/transaction-sql";
import { addLocalDays, localDateOf, nextCutoff } from "@/lib/deadlines/calendar";
import { DEFAULT_CUTOFF, DEFAULT_TIME_ZONE } from "@/lib/deadlines/settings";
import { CAUSES, type Cause } from "@/lib/incidents/causes";
import { APPLICABLE_STEPS, type IncidentKind, type RESOLUTIONS, STEP_KEYS, type StepKey } from "@/lib/incidents/rules";
import { LINE_COLUMNS, posLineValues } from "@/lib/reconciliation/import/line-columns";
import type { PosRecord } from "@/lib/reconciliation/types";

type Value = string | number | boolean | null | Date;
type Row = Value[];

interface Writer {
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  exec(sql: string): Promise<void>;
  queryColumn(sql: string): Promise<string[]>;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");

function parseArguments(argv: string[]) {
  const options = {
    incidents: 1_000_000,
    stores: 500,
    days: 365,
    randomSeed: 1,
    keepIndexes: false,
    transactions: 0,
    transactionDays: 90,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split("=", 2);
    const value = () => Number(inline ?? argv[++i]);
    if (name === "--incidents") options.incidents = value();
    else if (name === "--stores") options.stores = value();
    else if (name === "--days") options.days = value();
    else if (name === "--random-seed") options.randomSeed = value();
    else if (name === "--keep-indexes") options.keepIndexes = true;
    else if (name === "--transactions") options.transactions = value();
    else if (name === "--transaction-days") options.transactionDays = value();
    else throw new Error(`Unknown argument ${argv[i]} (see the top of scripts/seed-scale.ts).`);
  }
  for (const [key, n] of Object.entries(options)) {
    const least = key === "incidents" || key === "transactions" ? 0 : 1;
    if (typeof n === "number" && (!Number.isInteger(n) || n < least))
      throw new Error(`--${key} must be an integer of at least ${least}.`);
  }
  return options;
}

/** Deterministic pseudo-random numbers, so two runs build the same data. */
function randomFrom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    digits: (n: number) => {
      let text = "";
      for (let i = 0; i < n; i++) text += Math.floor(next() * 10);
      return text;
    },
    weighted: <T>(table: readonly (readonly [T, number])[]): T => {
      let roll = next() * table.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [item, weight] of table) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return table[table.length - 1][0];
    },
  };
}

const KIND_WEIGHTS = [
  ["wrong_amount", 25],
  ["unsigned_slip", 15],
  ["pin_error", 15],
  ["duplicate_charge", 12],
  ["terminal_fault", 12],
  ["debited_not_credited", 10],
  ["wrong_card", 8],
  ["suspected_fraud", 3],
] as const satisfies readonly (readonly [IncidentKind, number])[];

/** What cashiers write, per kind, in Chinese and in English. */
const KIND_PHRASES: Record<IncidentKind, string[]> = {
  wrong_amount: [
    "顾客称金额多扣",
    "收银员输错金额",
    "customer says the amount was wrong",
    "cashier keyed the wrong amount",
  ],
  wrong_card: ["刷错了卡", "顾客拿错卡支付", "charged the wrong card", "customer handed over the wrong card"],
  pin_error: ["密码输错三次", "密码错误交易拒绝", "wrong PIN three times", "PIN declined"],
  unsigned_slip: ["客户未签名", "签名栏空白", "slip not signed", "customer left before signing"],
  debited_not_credited: [
    "银行卡扣款但商户未到账",
    "扣款成功但终端显示失败",
    "debited but not credited",
    "terminal said failed, bank debited",
  ],
  duplicate_charge: ["重复扣款两次", "同一笔交易扣了两次", "charged twice", "duplicate charge on the statement"],
  terminal_fault: ["终端死机重启", "打印机缺纸未出小票", "terminal froze and rebooted", "printer out of paper"],
  suspected_fraud: ["疑似盗刷", "卡片与身份证不符", "suspected fraud, card kept", "card does not match the ID"],
};
const GENERAL_PHRASES = [
  "已联系持卡人",
  "等待银行回复",
  "主管已核实",
  "次日对账发现差异",
  "网络中断交易超时",
  "called the cardholder",
  "waiting for the acquirer",
  "supervisor checked the receipt",
  "found in next-day reconciliation",
  "network timeout during the sale",
];
/** Rare words (about 1 in 2,000 incidents), for measuring searches that find few rows. */
const RARE_PHRASES = ["保安介入处理", "chargeback dispute opened", "保安"];

const RESOLUTION_BY_KIND: Record<IncidentKind, (typeof RESOLUTIONS)[number][]> = {
  wrong_amount: ["voided", "refunded"],
  wrong_card: ["voided", "refunded"],
  pin_error: ["no_loss"],
  unsigned_slip: ["resigned", "written_off"],
  debited_not_credited: ["recredited", "refunded"],
  duplicate_charge: ["refunded", "voided"],
  terminal_fault: ["no_loss", "voided"],
  suspected_fraud: ["escalated", "voided"],
};

/** The causes a close records (issue 9), the likelier ones per kind first. */
const CAUSES_BY_KIND: Record<IncidentKind, Cause[]> = {
  wrong_amount: ["distraction", "time_pressure", "inexperience"],
  wrong_card: ["distraction", "unfamiliar_procedure"],
  pin_error: ["environment", "terminal_fault"],
  unsigned_slip: ["time_pressure", "insufficient_training", "printer_fault"],
  debited_not_credited: ["network_drop", "terminal_fault"],
  duplicate_charge: ["network_drop", "outdated_software", "distraction"],
  terminal_fault: ["terminal_fault", "outdated_software", "printer_fault"],
  suspected_fraud: ["insufficient_training", "other"],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---- the two drivers ----

function isoForSqlite(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function sqliteWriter(file: string): Writer {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // A lost seed is rerun, not recovered: no fsync per transaction while loading.
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const statements = new Map<string, Database.Statement>();
  const toSqlite = (value: Value) =>
    value instanceof Date ? isoForSqlite(value) : typeof value === "boolean" ? (value ? 1 : 0) : value;
  return {
    async insert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const key = `${table}:${chunk.length}`;
        let statement = statements.get(key);
        if (!statement) {
          const tuple = `(${columns.map(() => "?").join(", ")})`;
          statement = db.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(chunk.length).fill(tuple).join(", ")}`,
          );
          statements.set(key, statement);
        }
        statement.run(chunk.flat().map(toSqlite));
      }
    },
    async begin() {
      db.exec("BEGIN");
    },
    async commit() {
      db.exec("COMMIT");
    },
    async exec(sql) {
      db.exec(sql);
    },
    async queryColumn(sql) {
      return db.prepare(sql).pluck().all() as string[];
    },
    async close() {
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET maintenance_work_mem = '512MB'");
  await client.query("SET synchronous_commit = off");
  const toPg = (value: Value) => (value instanceof Date ? value.toISOString() : value);
  return {
    async insert(table, columns, rows) {
      const perStatement = Math.min(1_000, Math.floor(60_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        let n = 0;
        const tuples = chunk.map(() => `(${columns.map(() => `$${++n}`).join(", ")})`);
        await client.query({
          text: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
          values: chunk.flat().map(toPg),
        });
      }
    },
    async begin() {
      await client.query("BEGIN");
    },
    async commit() {
      await client.query("COMMIT");
    },
    async exec(sql) {
      await client.query(sql);
    },
    async queryColumn(sql) {
      const result = await client.query({ text: sql, rowMode: "array" });
      return result.rows.map((row) => row[0]);
    },
    async close() {
      await client.end();
    },
  };
}

// ---- secondary indexes: dropped before the load, built after ----

const LOADED_TABLES = ["Incident", "IncidentStep", "AuditEvent"];

async function dropSecondaryIndexes(writer: Writer, postgres: boolean, loaded = LOADED_TABLES): Promise<string[]> {
  const tables = loaded.map((t) => `'${t}'`).join(", ");
  const definitions = postgres
    ? await writer.queryColumn(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN (${tables})
         AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
      )
    : await writer.queryColumn(
        `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables})
         AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      );
  for (const definition of definitions) {
    const name = /INDEX\s+(?:IF NOT EXISTS\s+)?("[^"]+"|\S+)/i.exec(definition)?.[1];
    if (name) await writer.exec(`DROP INDEX ${name.includes('"') || !postgres ? name : `"${name}"`}`);
  }
  return definitions;
}

// ---- the data ----

interface Store {
  id: string;
  terminals: { id: string; tid: string }[];
  cashiers: string[];
  supervisor: string;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the SQLite file (file:…) or PostgreSQL database to fill.");
  const postgres = /^postgres(ql)?:\/\//.test(url);
  const password = process.env.SCALE_PASSWORD || process.env.DEMO_PASSWORD || "slipcase-demo-2026";
  const random = randomFrom(options.randomSeed);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  console.log(`Migrating ${postgres ? url.replace(/:[^:@/]*@/, ":***@") : url} …`);
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  const writer = postgres ? await postgresWriter(url) : sqliteWriter(path.resolve(ROOT, url.slice("file:".length)));
  if (options.incidents === 0) {
    // Lines added to a database seed:scale filled before.
    if ((await writer.queryColumn(`SELECT id FROM "Merchant" WHERE id = 'scale-merchant'`)).length === 0) {
      throw new Error("--incidents 0 adds transactions to a seeded database: this one has no Scale Chain.");
    }
    if (options.transactions > 0)
      await seedTransactions(writer, { postgres, options, random, now: new Date(), elapsed });
    await countDashboardSummaries(writer, { postgres, now: new Date(), elapsed });
    await writer.exec(postgres ? "VACUUM ANALYZE" : "ANALYZE");
    await writer.close();
    console.log(`Done in ${elapsed()}.`);
    return;
  }
  if ((await writer.queryColumn(`SELECT id FROM "Merchant" LIMIT 1`)).length > 0) {
    throw new Error("The database already has a merchant: seed:scale fills an empty one.");
  }
  const merchantColumns = postgres
    ? await writer.queryColumn(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Merchant'`)
    : await writer.queryColumn(`SELECT name FROM pragma_table_info('Merchant')`);
  const passwordHash = await hashPassword(password);

  const now = new Date();
  const merchantId = "scale-merchant";
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let events: Row[] = [];
  const event = (input: {
    incidentId?: string | null;
    actorId?: string | null;
    type: string;
    before?: unknown;
    after?: unknown;
    at: Date;
  }) => {
    const content = {
      merchantId,
      seq: ++seq,
      incidentId: input.incidentId ?? null,
      actorId: input.actorId ?? null,
      type: input.type,
      before: input.before == null ? null : canonicalJson(input.before),
      after: input.after == null ? null : canonicalJson(input.after),
      createdAt: input.at,
    };
    const hash = eventHash(prevHash, content);
    events.push([
      `ev${seq.toString(36).padStart(9, "0")}`,
      merchantId,
      content.seq,
      content.incidentId,
      content.actorId,
      content.type,
      content.before,
      content.after,
      content.createdAt,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  };
  const EVENT_COLUMNS = [
    "id",
    "merchantId",
    "seq",
    "incidentId",
    "actorId",
    "type",
    "before",
    "after",
    "createdAt",
    "prevHash",
    "hash",
  ];
  const flushEvents = async () => {
    await writer.insert("AuditEvent", EVENT_COLUMNS, events);
    events = [];
  };

  // The merchant, stores, terminals and staff.
  await writer.begin();
  const setupAt = new Date(now.getTime() - (options.days + 1) * DAY);
  await writer.insert(
    "Merchant",
    ["id", "name", "mid", "incidentCounter", "createdAt", "updatedAt"],
    [[merchantId, "Scale Chain", "898310048169999", options.incidents, setupAt, setupAt]],
  );
  event({ type: "merchant.created", after: { name: "Scale Chain" }, at: setupAt });
  const stores: Store[] = [];
  const storeRows: Row[] = [];
  const terminalRows: Row[] = [];
  let terminalNumber = 0;
  for (let s = 1; s <= options.stores; s++) {
    const code = String(s).padStart(3, "0");
    const store: Store = { id: `store-${code}`, terminals: [], cashiers: [], supervisor: "" };
    const count = random.weighted([
      [1, 25],
      [2, 55],
      [3, 20],
    ] as const);
    for (let t = 0; t < count; t++) {
      terminalNumber++;
      store.terminals.push({ id: `terminal-${terminalNumber}`, tid: `T${String(5_000_000 + terminalNumber)}` });
    }
    stores.push(store);
    storeRows.push([store.id, merchantId, `门店 ${code} Store`, setupAt, setupAt]);
    for (const terminal of store.terminals) {
      terminalRows.push([terminal.id, merchantId, store.id, terminal.tid, true, setupAt, setupAt]);
    }
    event({
      type: "store.created",
      after: { storeId: store.id, name: `门店 ${code} Store`, terminals: store.terminals.map((t) => t.tid) },
      at: setupAt,
    });
  }
  await writer.insert("Store", ["id", "merchantId", "name", "createdAt", "updatedAt"], storeRows);
  await writer.insert(
    "Terminal",
    ["id", "merchantId", "storeId", "tid", "active", "createdAt", "updatedAt"],
    terminalRows,
  );

  const userRows: Row[] = [];
  const accountRows: Row[] = [];
  const membershipRows: Row[] = [];
  const membershipStoreRows: Row[] = [];
  const addUser = (id: string, email: string, name: string, role: string, storeIds: string[]) => {
    userRows.push([id, name, email, true, setupAt, setupAt]);
    accountRows.push([`account-${id}`, id, "credential", id, passwordHash, setupAt, setupAt]);
    membershipRows.push([`membership-${id}`, id, merchantId, role, true, setupAt, setupAt]);
    for (const storeId of storeIds) membershipStoreRows.push([`membership-${id}`, storeId]);
    event({ type: "user.created", after: { userId: id, email, name, role, storeIds }, at: setupAt });
  };
  addUser("user-admin", "admin@scale.test", "Scale Admin", "ADMIN", []);
  const finance: string[] = [];
  for (let f = 1; f <= 3; f++) {
    finance.push(`user-finance-${f}`);
    addUser(`user-finance-${f}`, `finance-${f}@scale.test`, `Finance ${f}`, "FINANCE", []);
  }
  for (const [index, store] of stores.entries()) {
    const code = String(index + 1).padStart(3, "0");
    store.supervisor = `user-supervisor-${code}`;
    addUser(store.supervisor, `supervisor-${code}@scale.test`, `Supervisor ${code}`, "SUPERVISOR", [store.id]);
    for (let c = 1; c <= 2; c++) {
      store.cashiers.push(`user-cashier-${code}-${c}`);
      addUser(`user-cashier-${code}-${c}`, `cashier-${code}-${c}@scale.test`, `Cashier ${code}-${c}`, "CASHIER", [
        store.id,
      ]);
    }
  }
  await writer.insert("user", ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"], userRows);
  await writer.insert(
    "account",
    ["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"],
    accountRows,
  );
  await writer.insert(
    "Membership",
    ["id", "userId", "merchantId", "role", "active", "createdAt", "updatedAt"],
    membershipRows,
  );
  await writer.insert("MembershipStore", ["membershipId", "storeId"], membershipStoreRows);
  await flushEvents();
  await writer.commit();
  console.log(`${stores.length} stores, ${terminalNumber} terminals, ${userRows.length} users (${elapsed()})`);

  const droppedIndexes = options.keepIndexes ? [] : await dropSecondaryIndexes(writer, postgres);
  if (droppedIndexes.length > 0) console.log(`Dropped ${droppedIndexes.length} secondary indexes for the load.`);

  // The incidents, in creation order, in batches of one transaction each.
  const INCIDENT_COLUMNS = [
    "id",
    "merchantId",
    "storeId",
    "terminalId",
    "number",
    "kind",
    "status",
    "version",
    "occurredAt",
    "amountMinor",
    "currency",
    "cardBin",
    "cardLast4",
    "rrn",
    "authCode",
    "traceNo",
    "batchNo",
    "description",
    "dueAt",
    "resolution",
    "closedAt",
    "reportedById",
    "nextStep",
    "causes",
    "recoveredMinor",
    "lostMinor",
    "drill",
    "drillForId",
    "createdAt",
    "updatedAt",
  ];
  const STEP_COLUMNS = [
    "id",
    "incidentId",
    "key",
    "position",
    "status",
    "actorId",
    "at",
    "note",
    "contactMethod",
    "identityVerified",
  ];
  const BATCH = 10_000;
  const first = now.getTime() - options.days * DAY;
  const span = options.days * DAY - HOUR;
  const counts = { OPEN: 0, IN_PROGRESS: 0, CLOSED: 0, overdue: 0 };
  for (let batchStart = 0; batchStart < options.incidents; batchStart += BATCH) {
    const incidents: Row[] = [];
    const steps: Row[] = [];
    const batchEnd = Math.min(options.incidents, batchStart + BATCH);
    for (let n = batchStart; n < batchEnd; n++) {
      const number = n + 1;
      const id = `inc${number.toString(36).padStart(8, "0")}`;
      const createdAt = new Date(first + Math.floor(((n + random.next()) * span) / options.incidents));
      const occurredAt = new Date(
        createdAt.getTime() - Math.min(48 * HOUR, Math.floor(-Math.log(1 - random.next()) * 40 * 60_000)),
      );
      const kind = random.weighted(KIND_WEIGHTS);
      const store = random.pick(stores);
      const terminal = random.pick(store.terminals);
      const reporter = random.next() < 0.85 ? random.pick(store.cashiers) : store.supervisor;
      // What is due next on a new incident under the default deadlines: halting it before the
      // store's batch cut-off (lib/deadlines/settings.ts), the soonest of its deadlines.
      const dueAt = nextCutoff(occurredAt, DEFAULT_CUTOFF, DEFAULT_TIME_ZONE);
      const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
      // Most incidents close within days; a straggling few per cent stay open for weeks.
      const stillOpen = random.next() < 0.02 + 0.9 * Math.exp(-ageDays / 2);
      const status = stillOpen ? (random.next() < 0.6 ? "IN_PROGRESS" : "OPEN") : "CLOSED";
      counts[status]++;
      if (status !== "CLOSED" && dueAt.getTime() < now.getTime()) counts.overdue++;

      const phrases = [random.pick(KIND_PHRASES[kind])];
      if (random.next() < 0.6) phrases.push(random.pick(GENERAL_PHRASES));
      if (random.next() < 0.0005) phrases.push(random.pick(RARE_PHRASES));
      const amountMinor = kind === "pin_error" ? null : random.int(100, 500_000);
      const description = `${phrases.join("，")}${amountMinor === null ? "" : ` ¥${(amountMinor / 100).toFixed(2)}`}`;

      // The checklist as the step rules make it: applicable steps in order, then close.
      const applicable = APPLICABLE_STEPS[kind] as readonly StepKey[];
      const doneCount =
        status === "CLOSED" ? applicable.length : status === "IN_PROGRESS" ? random.int(1, applicable.length - 1) : 0;
      const closedAt =
        status === "CLOSED"
          ? new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + random.int(1, 120) * HOUR))
          : null;
      const lastAt = closedAt ?? new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + 2 * HOUR));
      const snapshot = {
        reference: `INC-${String(number).padStart(6, "0")}`,
        kind,
        status: "OPEN",
        version: 1,
        storeId: store.id,
        terminalId: terminal.tid,
        amount: amountMinor === null ? null : (amountMinor / 100).toFixed(2),
        currency: "CNY",
        occurredAt: occurredAt.toISOString(),
        cardBin: random.pick(["622588", "436742", "625907", "512345"]),
        cardLast4: random.digits(4),
        rrn: random.digits(12),
        authCode: random.int(0, 0xffffff).toString(16).toUpperCase().padStart(6, "0"),
        traceNo: random.digits(6),
        batchNo: random.digits(6),
        description,
      };
      event({ incidentId: id, actorId: reporter, type: "incident.created", after: snapshot, at: createdAt });

      let version = 1;
      let currentStatus = "OPEN";
      let done = 0;
      for (const [index, key] of STEP_KEYS.entries()) {
        const isApplicable = applicable.includes(key);
        const acted = isApplicable && done < doneCount;
        if (acted) done++;
        const at = acted
          ? new Date(createdAt.getTime() + ((lastAt.getTime() - createdAt.getTime()) * done) / (doneCount + 1))
          : null;
        const skipped = acted && key === "reconcile" && (kind === "terminal_fault" || random.next() < 0.1);
        const actorId = !acted
          ? null
          : key === "reconcile"
            ? random.pick(finance)
            : key === "halt" || key === "reverify"
              ? reporter
              : store.supervisor;
        const stepStatus = !isApplicable ? "NOT_APPLICABLE" : !acted ? "PENDING" : skipped ? "SKIPPED" : "DONE";
        const note = skipped ? "no money moved 未涉及资金" : null;
        const resign = acted && key === "resign";
        steps.push([
          `${id}-${index + 1}`,
          id,
          key.toUpperCase(),
          index + 1,
          stepStatus,
          actorId,
          at,
          note,
          resign ? "PHONE" : null,
          resign ? true : null,
        ]);
        if (acted && at) {
          const nextStatus = currentStatus === "OPEN" ? "IN_PROGRESS" : currentStatus;
          event({
            incidentId: id,
            actorId,
            type: skipped ? "step.skipped" : "step.completed",
            before: { step: key, stepStatus: "pending", status: currentStatus, version },
            after: {
              step: key,
              stepStatus: skipped ? "skipped" : "done",
              status: nextStatus,
              version: version + 1,
              ...(note ? { note } : {}),
              ...(resign ? { contactMethod: "phone", identityVerified: true } : {}),
            },
            at,
          });
          version++;
          currentStatus = nextStatus;
        }
      }
      const resolution = status === "CLOSED" ? random.pick(RESOLUTION_BY_KIND[kind]) : null;
      // A closed case's cause(s) and money outcome (issue 9): mostly recovered, sometimes part lost.
      const causes =
        status === "CLOSED"
          ? CAUSES.filter(
              (cause) =>
                cause === CAUSES_BY_KIND[kind][0] ||
                (CAUSES_BY_KIND[kind].includes(cause) && random.next() < 0.3) ||
                random.next() < 0.01,
            )
          : null;
      const lostMinor =
        status === "CLOSED" ? (amountMinor && random.next() < 0.1 ? random.int(0, amountMinor) : 0) : null;
      const recoveredMinor = status === "CLOSED" ? Math.max(0, (amountMinor ?? 0) - (lostMinor ?? 0)) : null;
      // About one in 200 is a supervisor's drill for a cashier (模拟演练): the dashboard must not count it.
      const drillFor = random.next() < 0.005 ? random.pick(store.cashiers) : null;
      if (closedAt && resolution) {
        event({
          incidentId: id,
          actorId: store.supervisor,
          type: "incident.closed",
          before: { status: currentStatus, version },
          after: { status: "CLOSED", version: version + 1, resolution },
          at: closedAt,
        });
        version++;
      }
      incidents.push([
        id,
        merchantId,
        store.id,
        terminal.id,
        number,
        kind.toUpperCase(),
        status,
        version,
        occurredAt,
        amountMinor,
        "CNY",
        snapshot.cardBin,
        snapshot.cardLast4,
        snapshot.rrn,
        snapshot.authCode,
        snapshot.traceNo,
        snapshot.batchNo,
        description,
        dueAt,
        resolution?.toUpperCase() ?? null,
        closedAt,
        reporter,
        // The first applicable step left pending (steps are acted on in order), as the app keeps it.
        doneCount < applicable.length ? applicable[doneCount].toUpperCase() : null,
        causes ? JSON.stringify(causes) : null,
        recoveredMinor,
        lostMinor,
        drillFor !== null,
        drillFor,
        createdAt,
        closedAt ?? lastAt,
      ]);
    }
    await writer.begin();
    await writer.insert("Incident", INCIDENT_COLUMNS, incidents);
    await writer.insert("IncidentStep", STEP_COLUMNS, steps);
    await flushEvents();
    await writer.commit();
    if (batchEnd % 100_000 === 0 || batchEnd === options.incidents) {
      console.log(
        `${batchEnd.toLocaleString("en-US")} incidents, ${seq.toLocaleString("en-US")} events (${elapsed()})`,
      );
    }
  }

  // The chain's head on the merchant row, where the app appends from (when the column exists).
  if (merchantColumns.includes("auditSeq")) {
    await writer.exec(
      `UPDATE "Merchant" SET "auditSeq" = ${seq}, "auditHash" = '${prevHash}' WHERE "id" = '${merchantId}'`,
    );
  }
  if (droppedIndexes.length > 0) {
    const indexStarted = Date.now();
    for (const definition of droppedIndexes) await writer.exec(definition);
    console.log(`Built ${droppedIndexes.length} indexes in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s.`);
  }
  if (options.transactions > 0) await seedTransactions(writer, { postgres, options, random, now, elapsed });
  await countDashboardSummaries(writer, { postgres, now, elapsed });
  // Planner statistics: both planners choose between the list's indexes by them.
  await writer.exec(postgres ? "VACUUM ANALYZE" : "ANALYZE");
  await writer.close();
  console.log(
    `Done in ${elapsed()}: ${options.incidents.toLocaleString("en-US")} incidents ` +
      `(${counts.OPEN} open, ${counts.IN_PROGRESS} in progress, ${counts.CLOSED} closed, ${counts.overdue} overdue), ` +
      `${seq.toLocaleString("en-US")} audit events. Sign in as admin@scale.test, supervisor-001@scale.test, ` +
      "finance-1@scale.test or cashier-001-1@scale.test.",
  );
}

// ---- issue 10: POS journal lines and the dashboard's summaries ----

const TX_HOURS = [
  ["08", 3],
  ["09", 6],
  ["10", 9],
  ["11", 11],
  ["12", 12],
  ["13", 10],
  ["14", 8],
  ["15", 8],
  ["16", 8],
  ["17", 9],
  ["18", 10],
  ["19", 9],
  ["20", 6],
  ["21", 3],
] as const;

// A line's values as the import writes them (lib/reconciliation/import/line-columns.ts), then the
// category matching would have given it.
const SEED_LINE_COLUMNS = [...LINE_COLUMNS, "category"];

async function seedTransactions(
  writer: Writer,
  {
    postgres,
    options,
    random,
    now,
    elapsed,
  }: {
    postgres: boolean;
    options: ReturnType<typeof parseArguments>;
    random: ReturnType<typeof randomFrom>;
    now: Date;
    elapsed: () => string;
  },
) {
  const merchantId = "scale-merchant";
  const terminalIds = await writer.queryColumn(
    `SELECT "id" || '|' || "storeId" || '|' || "tid" FROM "Terminal" WHERE "merchantId" = '${merchantId}' ORDER BY "id"`,
  );
  const byStore = new Map<string, { id: string; tid: string }[]>();
  for (const row of terminalIds) {
    const [id, storeId, tid] = row.split("|");
    byStore.set(storeId, [...(byStore.get(storeId) ?? []), { id, tid }]);
  }
  const stores = [...byStore.keys()].sort();
  // About one operator in fifty is careless: five times the unsigned slips.
  const careless = new Set(
    stores.flatMap((storeId) => ["01", "02", "03"].filter(() => random.next() < 0.02).map((op) => `${storeId}:${op}`)),
  );
  const admin = (
    await writer.queryColumn(
      `SELECT "userId" FROM "Membership" WHERE "merchantId" = '${merchantId}' AND "role" = 'ADMIN' LIMIT 1`,
    )
  )[0];
  const importId = `scale-pos-journal-${Date.now().toString(36)}`;
  const localToday = new Intl.DateTimeFormat("en-CA", { timeZone: DEFAULT_TIME_ZONE }).format(now);
  const dayOf = (offset: number) => {
    const [y, m, d] = localToday.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d - offset)).toISOString().slice(0, 10);
  };
  const days = Array.from({ length: options.transactionDays }, (_, i) => dayOf(options.transactionDays - i));
  await writer.begin();
  await writer.insert(
    "ReconImport",
    [
      "id",
      "merchantId",
      "type",
      "fileName",
      "contentHash",
      "byteSize",
      "status",
      "rowsRead",
      "rowsTotal",
      "createdById",
      "createdAt",
      "startedAt",
      "finishedAt",
    ],
    [
      [
        importId,
        merchantId,
        "pos_journal",
        "scale-journal.csv",
        importId,
        options.transactions * 120,
        "done",
        options.transactions,
        options.transactions,
        admin,
        now,
        now,
        now,
      ],
    ],
  );
  await writer.commit();
  const dropped = options.keepIndexes ? [] : await dropSecondaryIndexes(writer, postgres, ["ReconLine"]);
  const BATCH = 50_000;
  const counts = { unsigned: 0, declines: 0, duplicates: 0, voids: 0, refunds: 0 };
  for (let start = 0; start < options.transactions; start += BATCH) {
    const rows: Row[] = [];
    const end = Math.min(options.transactions, start + BATCH);
    for (let n = start; n < end; n++) {
      // The lines in day order, so each day's lines sit together as an import's would.
      const day = days[Math.floor((n * days.length) / options.transactions)];
      const storeId = random.pick(stores);
      const terminal = random.pick(byStore.get(storeId) ?? []);
      const operator = random.pick(["01", "02", "03"]);
      const hour = random.weighted(TX_HOURS);
      const txAt = `${day} ${hour}:${String(random.int(0, 59)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}`;
      const roll = random.next();
      const txType = roll < 0.015 ? "void" : roll < 0.025 ? "refund" : "sale";
      const approved = random.next() >= 0.02;
      const unsignedChance = careless.has(`${storeId}:${operator}`) ? 0.05 : 0.01;
      let category: string;
      let signed = true;
      if (!approved) {
        category = "declined";
        counts.declines++;
      } else if (txType === "void") {
        category = "voided";
        counts.voids++;
      } else if (txType === "refund") {
        category = "matched";
        counts.refunds++;
      } else if (random.next() < unsignedChance) {
        category = "unsigned";
        signed = false;
        counts.unsigned++;
      } else if (random.next() < 0.003) {
        category = "duplicate";
        counts.duplicates++;
      } else {
        const other = random.next();
        category =
          other < 0.97 ? "matched" : other < 0.985 ? "pos_only" : other < 0.995 ? "amount_mismatch" : "ambiguous";
      }
      const record: PosRecord = {
        line: n + 2,
        txAt,
        acquirerMid: "898310048169999",
        tid: terminal.tid,
        cardMasked: `${random.pick(["622588", "436742", "625907", "512345"])}******${random.digits(4)}`,
        txType,
        amountMinor: random.int(100, 200_000),
        rrn: random.digits(12),
        authCode: random.int(0, 0xffffff).toString(16).toUpperCase().padStart(6, "0"),
        traceNo: String((n % 999_999) + 1).padStart(6, "0"),
        batchNo: day.replaceAll("-", "").slice(2),
        approved,
        signed,
        operator,
        origRrn: null,
        origTrace: null,
      };
      rows.push([...posLineValues(record, { terminalId: terminal.id, storeId }, { merchantId, importId }), category]);
    }
    await writer.begin();
    await writer.insert("ReconLine", SEED_LINE_COLUMNS, rows);
    await writer.commit();
    if (end % 1_000_000 === 0 || end === options.transactions) {
      console.log(`${end.toLocaleString("en-US")} POS lines (${elapsed()})`);
    }
  }
  if (dropped.length > 0) {
    const indexStarted = Date.now();
    for (const definition of dropped) await writer.exec(definition);
    console.log(`Built ${dropped.length} ReconLine indexes in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s.`);
  }
  console.log(
    `${options.transactions.toLocaleString("en-US")} POS lines over ${days.length} days: ${counts.unsigned} unsigned, ` +
      `${counts.declines} declined, ${counts.duplicates} duplicates, ${counts.voids} voids, ${counts.refunds} refunds; ` +
      `${careless.size} careless operators (${elapsed()})`,
  );
}

/** The dashboard's summaries counted from scratch, as the app's rebuild counts them. */
async function countDashboardSummaries(
  writer: Writer,
  { postgres, now, elapsed }: { postgres: boolean; now: Date; elapsed: () => string },
) {
  const merchantId = "scale-merchant";
  const tables = postgres
    ? await writer.queryColumn(
        `SELECT table_name FROM information_schema.tables WHERE table_name = 'DashboardIncidentDay'`,
      )
    : await writer.queryColumn(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'DashboardIncidentDay'`);
  if (tables.length === 0) return;
  // Planner statistics first: without them PostgreSQL walked every incident once per day counted.
  await writer.exec(`ANALYZE "Incident"`);
  await writer.exec(`ANALYZE "ReconLine"`);
  const provider = postgres ? "postgresql" : "sqlite";
  const timeZone =
    (await writer.queryColumn(`SELECT "timeZone" FROM "Merchant" WHERE "id" = '${merchantId}'`))[0] ??
    DEFAULT_TIME_ZONE;
  const [first, last] = await writer.queryColumn(
    `SELECT CAST(MIN("occurredAt") AS TEXT) FROM "Incident" WHERE "merchantId" = '${merchantId}'
     UNION ALL SELECT CAST(MAX(COALESCE("closedAt", "occurredAt")) AS TEXT) FROM "Incident" WHERE "merchantId" = '${merchantId}'`,
  );
  await writer.begin();
  await writer.exec(`DELETE FROM "DashboardIncidentDay" WHERE "merchantId" = '${merchantId}'`);
  if (first && last) {
    const parse = (text: string) => new Date(postgres ? `${text.replace(" ", "T")}Z` : text);
    const firstDay = addLocalDays(localDateOf(parse(first), timeZone), -1);
    const lastDay = addLocalDays(localDateOf(new Date(Math.max(parse(last).getTime(), now.getTime())), timeZone), 1);
    for (const statement of rebuildIncidentDaysSql({ provider, merchantId, firstDay, lastDay, timeZone })) {
      await writer.exec(statement);
    }
  }
  await writer.exec(`DELETE FROM "DashboardRollupState" WHERE "merchantId" = '${merchantId}'`);
  await writer.insert("DashboardRollupState", ["merchantId", "timeZone", "builtAt"], [[merchantId, timeZone, now]]);
  await writer.commit();
  console.log(`Dashboard: incidents summed per day (${elapsed()})`);
  await writer.begin();
  for (const statement of rebuildTransactionDaysSql()) await writer.exec(statement);
  await writer.commit();
  console.log(`Dashboard: POS lines summed per day (${elapsed()})`);
}

main().catch((error) => {
  console.error(`seed:scale failed: ${error?.message ?? error}`);
  process.exit(1);
});
