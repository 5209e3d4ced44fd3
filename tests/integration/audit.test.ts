// The audit trail: one hash-chained event per change, a chain that verifies after a full walk,
// and a tampered row reported at its seq — by verifyChain and by `npm run audit:verify`.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { eventHash } from "@/lib/audit/hash";
import { verifyAllChains, verifyChain } from "@/lib/audit/verify-chain";
import { getActor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createIncident } from "@/lib/incidents/create-incident";
import type { IncidentDto } from "@/lib/schemas/incident";
import { createIncidentSchema } from "@/lib/schemas/incident";
import { sessionCookie } from "@/tests/helpers/api";
import {
  CLOSE_OUTCOME,
  closeAs,
  completeAllSteps,
  completeBody,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

let merchantId: string;
let walked: IncidentDto;

/** Runs `npm run audit:verify` against this file's database. */
function runAuditVerify(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "audit:verify"],
      { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

async function eventOf(incidentId: string, type: string) {
  return prisma.auditEvent.findFirstOrThrow({ where: { incidentId, type }, orderBy: { seq: "asc" } });
}

/**
 * Edits one event with raw SQL (as an attacker with database access would), runs `check`, then
 * restores it. Identifiers are double-quoted and values bound, so the SQL runs on both databases.
 */
async function tampered<T>(seq: number, assignments: Prisma.Sql, check: () => Promise<T>): Promise<T> {
  const original = await prisma.auditEvent.findUniqueOrThrow({ where: { merchantId_seq: { merchantId, seq } } });
  await prisma.$executeRaw`UPDATE "AuditEvent" SET ${assignments} WHERE "merchantId" = ${merchantId} AND "seq" = ${seq}`;
  try {
    return await check();
  } finally {
    await prisma.$executeRaw`
      UPDATE "AuditEvent"
      SET "type" = ${original.type}, "before" = ${original.before}, "after" = ${original.after},
          "actorId" = ${original.actorId}, "hash" = ${original.hash}
      WHERE "id" = ${original.id}`;
  }
}

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  const incident = await completeAllSteps(await logIncident({ kind: "unsigned_slip", amount: "1999.00" }, "cashier"));
  const closed = await closeAs("supervisor", incident.id, {
    ...CLOSE_OUTCOME,
    resolution: "resigned",
    version: incident.version,
  });
  const reopened = await reopenAs("supervisor", incident.id, { note: "Bank query", version: closed.body.version });
  walked = reopened.body;
});

describe("audit events", () => {
  test("every change of a full walk appends one event for its incident, in order", async () => {
    // The emergency plan's notification.sent events (issue 9: on logging and on notify) aside.
    const events = await prisma.auditEvent.findMany({
      where: { incidentId: walked.id, type: { not: "notification.sent" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "incident.created",
      ...Array(5).fill("step.completed"),
      "incident.closed",
      "incident.reopened",
    ]);
    expect(new Set(events.map((e) => e.actorId)).size).toBeGreaterThan(1);
    expect(events.every((e) => e.actorId !== null)).toBe(true);
    const closed = events[6];
    expect(JSON.parse(closed.before ?? "null")).toMatchObject({ status: "IN_PROGRESS" });
    expect(JSON.parse(closed.after ?? "null")).toMatchObject({ status: "CLOSED", resolution: "resigned" });
  });

  test("after a full walk the chain verifies", async () => {
    const report = await verifyChain({ merchantId });
    expect(report).toEqual({ merchantId, ok: true, events: await prisma.auditEvent.count({ where: { merchantId } }) });
  });

  test("concurrent changes on different incidents keep one unbroken chain", async () => {
    const before = await prisma.auditEvent.count({ where: { merchantId } });
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) => logIncident({ kind: "pin_error", traceNo: `00010${i}` })),
    );
    expect(created).toHaveLength(6);
    const report = await verifyChain({ merchantId });
    // each create and its notification.sent (the admin logs them: the store's supervisor is told)
    expect(report).toMatchObject({ ok: true, events: before + 6 * 2 });
  });
});

describe("a tampered event", () => {
  test("an edited amount is reported at the event's seq", async () => {
    const created = await eventOf(walked.id, "incident.created");
    expect(created.after).toContain('"amount":"1999.00"');
    const report = await tampered(created.seq, Prisma.sql`"after" = replace("after", '1999.00', '19.00')`, () =>
      verifyChain({ merchantId }),
    );
    expect(report.ok).toBe(false);
    if (!report.ok) {
      expect(report.brokenAt).toMatchObject({ seq: created.seq, eventId: created.id });
      expect(report.events).toBe(created.seq - 1);
    }
  });

  test("a changed actor or type is reported at the event's seq", async () => {
    const closed = await eventOf(walked.id, "incident.closed");
    const byActor = await tampered(closed.seq, Prisma.sql`"actorId" = NULL`, () => verifyChain({ merchantId }));
    expect(byActor).toMatchObject({ ok: false, brokenAt: { seq: closed.seq } });
    const byType = await tampered(closed.seq, Prisma.sql`"type" = 'step.completed'`, () => verifyChain({ merchantId }));
    expect(byType).toMatchObject({ ok: false, brokenAt: { seq: closed.seq } });
  });

  test("an edit whose own hash was recomputed breaks the link to the next event", async () => {
    const closed = await eventOf(walked.id, "incident.closed");
    const forgedAfter = (closed.after ?? "").replace('"resigned"', '"no_loss"');
    expect(forgedAfter).not.toBe(closed.after);
    const forgedHash = eventHash(closed.prevHash, {
      merchantId: closed.merchantId,
      seq: closed.seq,
      incidentId: closed.incidentId,
      actorId: closed.actorId,
      type: closed.type,
      before: closed.before,
      after: forgedAfter,
      createdAt: closed.createdAt,
    });
    const report = await tampered(closed.seq, Prisma.sql`"after" = ${forgedAfter}, "hash" = ${forgedHash}`, () =>
      verifyChain({ merchantId }),
    );
    expect(report).toMatchObject({ ok: false, brokenAt: { seq: closed.seq + 1 } });
    if (!report.ok) expect(report.brokenAt.reason).toMatch(/prevHash/);
  });

  test("the chain verifies again once the row is restored", async () => {
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("a deleted event is reported as a gap at the missing seq", async () => {
    const reopened = await eventOf(walked.id, "incident.reopened");
    const row = await prisma.auditEvent.findUniqueOrThrow({ where: { id: reopened.id } });
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`;
    try {
      const report = await verifyChain({ merchantId });
      expect(report).toMatchObject({ ok: false, brokenAt: { seq: reopened.seq + 1 } });
      if (!report.ok) expect(report.brokenAt.reason).toMatch(/gap/);
    } finally {
      await prisma.auditEvent.create({ data: row });
    }
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("verifyAllChains reports each merchant", async () => {
    const reports = await verifyAllChains();
    expect(reports).toEqual([expect.objectContaining({ merchantId, ok: true })]);
  });
});

describe("npm run audit:verify", () => {
  test("exits 0 and says the chain is intact, then exits 1 naming the first broken seq after tampering", async () => {
    const intact = await runAuditVerify();
    expect(intact.output).toMatch(new RegExp(`merchant ${merchantId}: \\d+ events, chain intact`));
    expect(intact.code).toBe(0);

    const notified = await prisma.auditEvent.findFirstOrThrow({
      where: { incidentId: walked.id, type: "step.completed" },
      orderBy: { seq: "desc" },
    });
    const broken = await tampered(
      notified.seq,
      Prisma.sql`"after" = replace("after", 'done', 'skipped')`,
      runAuditVerify,
    );
    expect(broken.output).toContain(`BROKEN at seq ${notified.seq} (event ${notified.id})`);
    expect(broken.code).toBe(1);
  });
});

/** The merchant's chain head and its last event, which must agree. */
async function headAndLastEvent() {
  const head = await prisma.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { auditSeq: true, auditHash: true },
  });
  const last = await prisma.auditEvent.findFirstOrThrow({ where: { merchantId }, orderBy: { seq: "desc" } });
  return { head, last: { auditSeq: last.seq, auditHash: last.hash } };
}

describe("the chain head on the merchant row", () => {
  test("creates, step completions and closes racing each other append one chain whose head is its last event", async () => {
    const before = await prisma.auditEvent.count({ where: { merchantId } });
    const fresh = await Promise.all(Array.from({ length: 4 }, () => logIncident({ kind: "wrong_card" })));
    const responses = await Promise.all([
      ...fresh.map((incident) => stepAs("admin", incident.id, "halt", completeBody("halt", incident.version))),
      ...Array.from({ length: 4 }, (_, i) => logIncident({ kind: "pin_error", traceNo: `00020${i}` })),
      closeAs("supervisor", walked.id, { ...CLOSE_OUTCOME, resolution: "resigned", version: walked.version }),
    ]);
    expect(responses).toHaveLength(9);
    // 8 creates, each with its notification.sent (the store's supervisor told), 4 steps, 1 close
    expect(await verifyChain({ merchantId })).toEqual({ merchantId, ok: true, events: before + 8 * 2 + 4 + 1 });
    const { head, last } = await headAndLastEvent();
    expect(head).toEqual(last);
  });

  test("a head moved back clashes with the event at its seq: the create fails, writes nothing, and the chain does not fork", async () => {
    const cashier = await getActor(new Headers({ cookie: await sessionCookie("cashier") }));
    if (!cashier) throw new Error("no cashier session");
    const { head } = await headAndLastEvent();
    const incidents = await prisma.incident.count();
    const previous = await prisma.auditEvent.findUniqueOrThrow({
      where: { merchantId_seq: { merchantId, seq: head.auditSeq - 1 } },
    });
    await prisma.$executeRaw`UPDATE "Merchant" SET "auditSeq" = ${previous.seq}, "auditHash" = ${previous.hash} WHERE "id" = ${merchantId}`;
    try {
      await expect(
        createIncident({
          actor: cashier,
          input: createIncidentSchema.parse({ kind: "wrong_amount", terminalId: "T1000001" }),
        }),
      ).rejects.toThrow();
      expect(await prisma.incident.count()).toBe(incidents);
    } finally {
      await prisma.$executeRaw`UPDATE "Merchant" SET "auditSeq" = ${head.auditSeq}, "auditHash" = ${head.auditHash} WHERE "id" = ${merchantId}`;
    }
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
    await logIncident();
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("migration 20261130030000_audit_chain_head starts the head at each merchant's last event", async () => {
    const folder = databaseProvider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
    const script = fs.readFileSync(`${folder}/20261130030000_audit_chain_head/migration.sql`, "utf8");
    const statements = script
      .split("\n")
      .filter((line) => !line.trim().startsWith("--"))
      .join("\n")
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean);
    const { last } = await headAndLastEvent();
    expect(last.auditSeq).toBeGreaterThan(1);
    // The database as it was before the migration: events, and no head.
    await prisma.$executeRawUnsafe(`ALTER TABLE "Merchant" DROP COLUMN "auditSeq"`);
    await prisma.$executeRawUnsafe(`ALTER TABLE "Merchant" DROP COLUMN "auditHash"`);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);
    expect((await headAndLastEvent()).head).toEqual(last);
    // The next append links to it.
    await logIncident();
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });
});
