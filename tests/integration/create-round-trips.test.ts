// What a create costs in statements sent to the database — each a round trip on PostgreSQL and a
// pass through Prisma's per-query work on either database. Before issue 6 a create with an
// Idempotency-Key sent 20 on SQLite and 21 on PostgreSQL (4 for the session, a key lookup, a
// terminal lookup, then a transaction of 14, the incident read back with its relations); now the
// use case sends one lookup (terminal, used key and suspected duplicates together) and a
// transaction of two (PostgreSQL) or six (SQLite) statements.
// The statement counter must wrap the drivers before anything opens the Prisma client.
import "@/tests/helpers/count-statements";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { getActor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { createIncident } from "@/lib/incidents/create-incident";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { createIncidentSchema, type IncidentDto } from "@/lib/schemas/incident";
import { sessionCookie } from "@/tests/helpers/api";
import { statementsDuring } from "@/tests/helpers/count-statements";
import { createAs, getAs } from "@/tests/helpers/incidents";

const sqlite = databaseProvider === "sqlite";
/**
 * Issue 9: telling the emergency plan's people inside the create's transaction — the plan with
 * the store's staff (one SELECT), the notification rows (one INSERT … RETURNING), and their
 * notification.sent event (the chain claim, then event and head: one WITH on PostgreSQL, two on
 * SQLite). No e-mail job here: SMTP_URL is unset in tests.
 */
const NOTIFY = sqlite ? 5 : 4;
/** Issue 10: the dashboard's summary row — one more write on SQLite, inside the one WITH on PostgreSQL. */
const DASHBOARD = sqlite ? 1 : 0;
/** Issue 10: the alert evaluation's job (coalesced) — the same: one more on SQLite only. */
const ALERTS = sqlite ? 1 : 0;
const body = { kind: "duplicate_charge", terminalId: "T1000001", amount: "45.10", rrn: "000000222111" };

async function cashier() {
  const actor = await getActor(new Headers({ cookie: await sessionCookie("cashier") }));
  if (!actor) throw new Error("the demo cashier has no session");
  return actor;
}

const input = (overrides: Record<string, unknown> = {}) => createIncidentSchema.parse({ ...body, ...overrides });
const isTransactionStart = (sql: string) => /^BEGIN\b/i.test(sql.trim());
const reads = (statements: string[], table: string) =>
  statements.filter((sql) => new RegExp(`^\\s*SELECT[\\s\\S]*FROM\\s+\\S*"${table}"`, "i").test(sql));

describe("statements per create", () => {
  test("with an Idempotency-Key: one lookup, then a transaction that claims once and writes once", async () => {
    const actor = await cashier();
    const { statements } = await statementsDuring(() =>
      createIncident({ actor, input: input(), idempotencyKey: "round-trips-1" }),
    );
    // lookup, BEGIN, the deadline context (zone, settings, cut-off, calendar: one SELECT), the
    // merchant UPDATE, the writes (one WITH on PostgreSQL; incident, steps, deadlines, event,
    // chain head, key on SQLite), COMMIT
    expect(statements).toHaveLength((sqlite ? 11 : 6) + NOTIFY + DASHBOARD + ALERTS);
    expect(statements.filter(isTransactionStart)).toHaveLength(1);
    // the create's claim (and head on SQLite), then the notification event's
    expect(statements.filter((sql) => /^\s*UPDATE\s+"Merchant"/i.test(sql))).toHaveLength(sqlite ? 4 : 2);
    // Nothing is read back: the answer is built from what was written. (The lookup before the
    // transaction reads Incident for the duplicate check; that is its only read of it.)
    const afterLookup = statements.slice(1);
    expect(reads(statements.slice(0, 1), "Incident")).toHaveLength(1);
    expect(reads(afterLookup, "Incident")).toEqual([]);
    expect(reads(afterLookup, "AuditEvent")).toEqual([]);
  });

  test("without a key the transaction has one write fewer on SQLite and the same round trips on PostgreSQL", async () => {
    const actor = await cashier();
    const { statements } = await statementsDuring(() =>
      createIncident({ actor, input: input({ rrn: "000000222112" }) }),
    );
    expect(statements).toHaveLength((sqlite ? 10 : 6) + NOTIFY + DASHBOARD + ALERTS);
  });

  test("a retry with the same key is answered by the lookup alone", async () => {
    const actor = await cashier();
    const first = await createIncident({
      actor,
      input: input({ rrn: "000000222113" }),
      idempotencyKey: "round-trips-2",
    });
    const { result, statements } = await statementsDuring(() =>
      createIncident({ actor, input: input({ rrn: "000000222113" }), idempotencyKey: "round-trips-2" }),
    );
    expect(result).toEqual({ incident: first.incident, replayed: true });
    expect(statements).toHaveLength(1);
  });

  test("the whole request adds only the session lookup to the use case's statements", async () => {
    const cookie = await sessionCookie("cashier");
    const session = await statementsDuring(() => getActor(new Headers({ cookie })));
    const request = await statementsDuring(() =>
      createAs("cashier", { ...body, rrn: "000000222114" }, { "Idempotency-Key": "round-trips-3" }),
    );
    expect(request.result.status).toBe(201);
    expect(request.statements).toHaveLength(
      session.statements.length + (sqlite ? 11 : 6) + NOTIFY + DASHBOARD + ALERTS,
    );
  });
});

describe("the answer built from what was written", () => {
  test("equals what a read of the incident returns, for any kind and slip fields", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.constantFrom(...INCIDENT_KINDS),
            terminalId: fc.constantFrom("T1000001", "t1000002"),
            amount: fc
              .integer({ min: 1, max: 1_000_000_000 })
              .map((minor) => `${Math.floor(minor / 100)}.${minor % 100}`),
            cardBin: fc.stringMatching(/^\d{6}$/),
            cardLast4: fc.stringMatching(/^\d{4}$/),
            authCode: fc.stringMatching(/^[a-zA-Z0-9]{6}$/),
            traceNo: fc.stringMatching(/^\d{6}$/),
            description: fc.string({ maxLength: 80 }),
            occurredAt: fc
              .integer({ min: 0, max: 30 * 24 * 3_600_000 })
              .map((ago) => new Date(Date.now() - ago).toISOString()),
          },
          { requiredKeys: ["kind", "terminalId"] },
        ),
        async (generated) => {
          n++;
          // Two generated slips may look like the same mishap (the duplicate check's 409): not this test's subject.
          const slip = { ...generated, confirmDuplicate: true };
          const created = await createAs<IncidentDto>("cashier", slip, { "Idempotency-Key": `answer-${n}` });
          expect(created.status).toBe(201);
          const read = await getAs("cashier", created.body.id);
          expect(read.status).toBe(200);
          // The timeline, a terminal_fault's terminal details and the deadlines are the detail read's own (issue 9).
          const { timeline, terminalDetails: _terminal, deadlines: _deadlines, ...incident } = read.body;
          expect(created.body).toEqual(incident);
          // the store's supervisor told by the emergency plan (issue 9)
          expect(timeline.map((event) => event.type)).toEqual(["incident.created", "notification.sent"]);
          // The retry's stored answer is the same one.
          const retry = await createAs<IncidentDto>("cashier", slip, { "Idempotency-Key": `answer-${n}` });
          expect(retry.body).toEqual(created.body);
        },
      ),
      { numRuns: 25 },
    );
    expect(await verifyChain({ merchantId: (await cashier()).merchantId })).toMatchObject({ ok: true });
  });

  test("the merchant's chain head is its last event after creates and other changes", async () => {
    const { merchantId } = await cashier();
    const head = await prisma.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: { auditSeq: true, auditHash: true, incidentCounter: true },
    });
    const last = await prisma.auditEvent.findFirstOrThrow({ where: { merchantId }, orderBy: { seq: "desc" } });
    expect(head.auditSeq).toBe(last.seq);
    expect(head.auditHash).toBe(last.hash);
    expect(head.incidentCounter).toBe(await prisma.incident.count({ where: { merchantId } }));
  });
});
