// The audit catalogue against the database: every event the app writes reads back as an event
// of the catalogue; appendEvent refuses one that does not match and leaves the chain as it was;
// a stored event of an older shape is still listed on the timeline and the chain still verifies.
import { beforeAll, describe, expect, test } from "vitest";
import { appendEvent, assertEventWritten, claimChainLink, eventStatements } from "@/lib/audit/append-event";
import { type AuditEventInput, readAuditEvent } from "@/lib/audit/events";
import { canonicalJson, eventHash } from "@/lib/audit/hash";
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import { executeTogether } from "@/lib/db/dialect";
import type { IncidentDto } from "@/lib/schemas/incident";
import { CLOSE_OUTCOME, closeAs, completeAllSteps, getAs, logIncident, reopenAs } from "@/tests/helpers/incidents";

let merchantId: string;
let walked: IncidentDto;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  const incident = await completeAllSteps(await logIncident({ kind: "unsigned_slip", amount: "12.00" }, "cashier"));
  const closed = await closeAs("supervisor", incident.id, {
    ...CLOSE_OUTCOME,
    resolution: "resigned",
    version: incident.version,
  });
  const reopened = await reopenAs("supervisor", incident.id, { note: "Bank query", version: closed.body.version });
  walked = reopened.body;
});

function parsed(row: { type: string; before: string | null; after: string | null }) {
  return readAuditEvent({
    type: row.type,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  });
}

describe("the audit catalogue over stored events", () => {
  test("every event the seed and a full walk wrote reads back as an event of the catalogue", async () => {
    const rows = await prisma.auditEvent.findMany({ where: { merchantId }, orderBy: { seq: "asc" } });
    const types = new Set(rows.map((row) => row.type));
    for (const type of ["merchant.created", "store.created", "user.created", "incident.created", "step.completed"]) {
      expect(types).toContain(type);
    }
    for (const type of ["incident.closed", "incident.reopened"]) expect(types).toContain(type);
    const unreadable = rows.filter((row) => !parsed(row).known).map((row) => `${row.seq} ${row.type}`);
    expect(unreadable).toEqual([]);
  });

  test("appendEvent refuses an event that does not match its schema and writes nothing", async () => {
    const head = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const count = await prisma.auditEvent.count({ where: { merchantId } });
    const wrong = {
      type: "incident.reopened",
      before: { status: "CLOSED", version: 7, resolution: "resigned" },
      after: { status: "IN_PROGRESS", version: 8 }, // the note saying why is missing
    };
    await expect(
      prisma.$transaction((tx) =>
        appendEvent(tx, { merchantId, incidentId: walked.id, ...(wrong as unknown as AuditEventInput) }),
      ),
    ).rejects.toThrow(/does not match the catalogue/);
    expect(await prisma.auditEvent.count({ where: { merchantId } })).toBe(count);
    expect(await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } })).toMatchObject({
      auditSeq: head.auditSeq,
      auditHash: head.auditHash,
    });
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("an event of an older shape stays on the timeline, by its type, and the chain still verifies", async () => {
    // Written as an older build would have: a close without its resolution, hashed the same way.
    const legacy = await prisma.$transaction(async (tx) => {
      const link = await claimChainLink(tx, merchantId);
      const content = {
        merchantId,
        seq: link.seq,
        incidentId: walked.id,
        actorId: null,
        type: "incident.closed",
        before: canonicalJson({ status: "IN_PROGRESS" }),
        after: canonicalJson({ status: "CLOSED" }),
        createdAt: new Date(Math.floor(Date.now())),
      };
      const event = {
        id: `legacy-${link.seq}`,
        ...content,
        prevHash: link.prevHash,
        hash: eventHash(link.prevHash, content),
      };
      assertEventWritten(await executeTogether(tx, eventStatements(event)));
      return event;
    });
    expect(parsed(legacy)).toMatchObject({ known: false, type: "incident.closed" });

    const detail = await getAs("supervisor", walked.id);
    expect(detail.status).toBe(200);
    const last = detail.body.timeline.at(-1);
    expect(last).toMatchObject({ seq: legacy.seq, type: "incident.closed", after: { status: "CLOSED" } });
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });
});
