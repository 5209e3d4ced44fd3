// The database's floor for `npm run bench:api`: a plain node:http server, not part of the app,
// that writes the same rows as POST /api/incidents — counter bump, incident, its 5 checklist
// steps, the hash-chained audit event and the Idempotency-Key row, in one transaction — with the
// driver directly (better-sqlite3 with WAL + synchronous=FULL, or pg with a pool). No framework,
// no ORM, no session check: what is left is the database's own cost for a create.
//
// Env: DATABASE_URL (file:… or postgresql://…, migrated and seeded with the demo data),
// PORT, DATABASE_POOL_SIZE (pg only, default 10 like the app). GET /health answers 200 when ready.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";

const databaseUrl = process.env.DATABASE_URL ?? "";
const port = Number(process.env.PORT ?? 3310);
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);

const GENESIS_HASH = "0".repeat(64);
const STEP_KEYS = ["HALT", "REVERIFY", "NOTIFY", "RESIGN", "RECONCILE"];
/** Steps that apply per kind, as in lib/incidents/rules.ts; the others are not applicable. */
const STANDARD_STEPS = ["HALT", "REVERIFY", "NOTIFY", "RECONCILE"];
const APPLICABLE_STEPS = {
  UNSIGNED_SLIP: STEP_KEYS,
  PIN_ERROR: ["HALT", "REVERIFY"],
};
const DUE_HOURS = {
  WRONG_AMOUNT: 8,
  WRONG_CARD: 8,
  DUPLICATE_CHARGE: 24,
  PIN_ERROR: 24,
  UNSIGNED_SLIP: 48,
  TERMINAL_FAULT: 48,
  DEBITED_NOT_CREDITED: 72,
  SUSPECTED_FRAUD: 72,
};

/** JSON with keys sorted at every level, as the app hashes its audit events. */
function canonicalJson(value) {
  const sortKeys = (v) => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((key) => [key, sortKeys(v[key])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

/** Everything a create needs that does not touch the database. */
function prepare(body, idempotencyKey) {
  const input = JSON.parse(body);
  const kind = String(input.kind ?? "").toUpperCase();
  if (!(kind in DUE_HOURS)) throw Object.assign(new Error(`unknown kind ${input.kind}`), { status: 400 });
  const now = new Date();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const applicable = APPLICABLE_STEPS[kind] ?? STANDARD_STEPS;
  return {
    id: randomUUID(),
    kind,
    tid: String(input.terminalId ?? "").toUpperCase(),
    now,
    occurredAt,
    dueAt: new Date(occurredAt.getTime() + DUE_HOURS[kind] * 3_600_000),
    amountMinor: input.amount === undefined ? null : Math.round(Number(input.amount) * 100),
    currency: input.currency ?? "CNY",
    cardBin: input.cardBin ?? null,
    cardLast4: input.cardLast4 ?? null,
    rrn: input.rrn ?? null,
    traceNo: input.traceNo ?? null,
    description: input.description ?? null,
    steps: STEP_KEYS.map((key, index) => ({
      id: randomUUID(),
      key,
      position: index + 1,
      status: applicable.includes(key) ? "PENDING" : "NOT_APPLICABLE",
    })),
    idempotencyKey,
    requestHash: createHash("sha256").update(canonicalJson(input)).digest("hex"),
  };
}

function responseOf(create, number, storeId) {
  return {
    id: create.id,
    reference: `INC-${String(number).padStart(6, "0")}`,
    kind: create.kind.toLowerCase(),
    status: "OPEN",
    version: 1,
    storeId,
    terminalId: create.tid,
    amount: create.amountMinor === null ? null : (create.amountMinor / 100).toFixed(2),
    currency: create.currency,
    occurredAt: create.occurredAt.toISOString(),
    dueAt: create.dueAt.toISOString(),
    steps: create.steps.map((step) => ({ key: step.key.toLowerCase(), status: step.status.toLowerCase() })),
    createdAt: create.now.toISOString(),
  };
}

function auditEvent({ merchantId, userId, create, dto, last }) {
  const content = {
    actorId: userId,
    after: canonicalJson(dto),
    before: null,
    createdAt: create.now.toISOString(),
    incidentId: create.id,
    merchantId,
    seq: (last?.seq ?? 0) + 1,
    type: "incident.created",
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
  return { ...content, id: randomUUID(), prevHash, hash };
}

async function openSqlite() {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.resolve(databaseUrl.slice("file:".length)));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");

  const fixture = db
    .prepare(
      `SELECT m."merchantId" AS merchantId, m."userId" AS userId FROM "Membership" m
       JOIN "user" u ON u.id = m."userId" WHERE u.email = 'cashier@demo.test'`,
    )
    .get();
  const statements = {
    terminal: db.prepare(`SELECT id, "storeId" FROM "Terminal" WHERE "merchantId" = ? AND tid = ?`),
    bump: db.prepare(
      `UPDATE "Merchant" SET "incidentCounter" = "incidentCounter" + 1, "updatedAt" = ? WHERE id = ? RETURNING "incidentCounter"`,
    ),
    incident: db.prepare(
      `INSERT INTO "Incident" (id, "merchantId", "storeId", "terminalId", number, kind, status, version, "occurredAt",
        "amountMinor", currency, "cardBin", "cardLast4", rrn, "traceNo", description, "dueAt", "reportedById",
        "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    step: db.prepare(`INSERT INTO "IncidentStep" (id, "incidentId", key, position, status) VALUES (?, ?, ?, ?, ?)`),
    lastEvent: db.prepare(`SELECT seq, hash FROM "AuditEvent" WHERE "merchantId" = ? ORDER BY seq DESC LIMIT 1`),
    event: db.prepare(
      `INSERT INTO "AuditEvent" (id, "merchantId", seq, "incidentId", "actorId", type, before, after, "createdAt",
        "prevHash", hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    idempotencyKey: db.prepare(
      `INSERT INTO "IdempotencyKey" (id, "userId", key, "requestHash", "statusCode", "responseBody", "createdAt")
       VALUES (?, ?, ?, ?, 201, ?, ?)`,
    ),
  };
  const { merchantId, userId } = fixture;

  const insert = db.transaction((create) => {
    const at = create.now.toISOString();
    const terminal = statements.terminal.get(merchantId, create.tid);
    if (!terminal) throw Object.assign(new Error(`unknown terminal ${create.tid}`), { status: 422 });
    const { incidentCounter } = statements.bump.get(at, merchantId);
    statements.incident.run(
      create.id,
      merchantId,
      terminal.storeId,
      terminal.id,
      incidentCounter,
      create.kind,
      create.occurredAt.toISOString(),
      create.amountMinor,
      create.currency,
      create.cardBin,
      create.cardLast4,
      create.rrn,
      create.traceNo,
      create.description,
      create.dueAt.toISOString(),
      userId,
      at,
      at,
    );
    for (const step of create.steps) statements.step.run(step.id, create.id, step.key, step.position, step.status);
    const dto = responseOf(create, incidentCounter, terminal.storeId);
    const last = statements.lastEvent.get(merchantId);
    const event = auditEvent({ merchantId, userId, create, dto, last });
    statements.event.run(
      event.id,
      merchantId,
      event.seq,
      create.id,
      userId,
      event.type,
      null,
      event.after,
      event.createdAt,
      event.prevHash,
      event.hash,
    );
    const responseBody = JSON.stringify(dto);
    if (create.idempotencyKey) {
      statements.idempotencyKey.run(randomUUID(), userId, create.idempotencyKey, create.requestHash, responseBody, at);
    }
    return responseBody;
  });

  return { create: async (create) => insert(create), close: async () => db.close() };
}

async function openPostgres() {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const { rows } = await pool.query(
    `SELECT m."merchantId", m."userId" FROM "Membership" m JOIN "user" u ON u.id = m."userId"
     WHERE u.email = 'cashier@demo.test'`,
  );
  const { merchantId, userId } = rows[0];

  async function create(input) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const terminal = await client.query(`SELECT id, "storeId" FROM "Terminal" WHERE "merchantId" = $1 AND tid = $2`, [
        merchantId,
        input.tid,
      ]);
      if (terminal.rowCount !== 1) throw Object.assign(new Error(`unknown terminal ${input.tid}`), { status: 422 });
      const { id: terminalId, storeId } = terminal.rows[0];
      // The update locks the merchant row: creates of one merchant queue here, as in the app.
      const bumped = await client.query(
        `UPDATE "Merchant" SET "incidentCounter" = "incidentCounter" + 1, "updatedAt" = $1 WHERE id = $2
         RETURNING "incidentCounter"`,
        [input.now, merchantId],
      );
      const number = bumped.rows[0].incidentCounter;
      await client.query(
        `INSERT INTO "Incident" (id, "merchantId", "storeId", "terminalId", number, kind, status, version,
          "occurredAt", "amountMinor", currency, "cardBin", "cardLast4", rrn, "traceNo", description, "dueAt",
          "reportedById", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
        [
          input.id,
          merchantId,
          storeId,
          terminalId,
          number,
          input.kind,
          input.occurredAt,
          input.amountMinor,
          input.currency,
          input.cardBin,
          input.cardLast4,
          input.rrn,
          input.traceNo,
          input.description,
          input.dueAt,
          userId,
          input.now,
        ],
      );
      await client.query(
        `INSERT INTO "IncidentStep" (id, "incidentId", key, position, status) VALUES
         ${input.steps.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(", ")}`,
        input.steps.flatMap((step) => [step.id, input.id, step.key, step.position, step.status]),
      );
      const dto = responseOf(input, number, storeId);
      const last = await client.query(
        `SELECT seq, hash FROM "AuditEvent" WHERE "merchantId" = $1 ORDER BY seq DESC LIMIT 1`,
        [merchantId],
      );
      const event = auditEvent({ merchantId, userId, create: input, dto, last: last.rows[0] });
      await client.query(
        `INSERT INTO "AuditEvent" (id, "merchantId", seq, "incidentId", "actorId", type, before, after, "createdAt",
          "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10)`,
        [
          event.id,
          merchantId,
          event.seq,
          input.id,
          userId,
          event.type,
          event.after,
          input.now,
          event.prevHash,
          event.hash,
        ],
      );
      const responseBody = JSON.stringify(dto);
      if (input.idempotencyKey) {
        await client.query(
          `INSERT INTO "IdempotencyKey" (id, "userId", key, "requestHash", "statusCode", "responseBody", "createdAt")
           VALUES ($1, $2, $3, $4, 201, $5, $6)`,
          [randomUUID(), userId, input.idempotencyKey, input.requestHash, responseBody, input.now],
        );
      }
      await client.query("COMMIT");
      return responseBody;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return { create, close: () => pool.end() };
}

const database = isPostgres ? await openPostgres() : await openSqlite();

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/health") {
    response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (request.method !== "POST" || request.url !== "/incidents") {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const create = prepare(Buffer.concat(chunks).toString("utf8"), request.headers["idempotency-key"] ?? null);
      const body = await database.create(create);
      response.writeHead(201, { "content-type": "application/json" }).end(body);
    } catch (error) {
      console.error(error);
      response
        .writeHead(error.status ?? 500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: String(error.message ?? error) }));
    }
  });
});

server.listen(port, () => console.log(`floor server (${isPostgres ? "pg" : "better-sqlite3"}) on :${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    void Promise.resolve(database.close()).finally(() => process.exit(0));
  });
}
