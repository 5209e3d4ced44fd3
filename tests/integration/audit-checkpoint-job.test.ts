// Issue 10's scheduled checkpoints: the worker queues the audit.checkpoint job (one waiting at a
// time), the job signs a checkpoint of every merchant's chain head that moved and none for a head
// already signed; and a chain rewritten consistently (every hash after the edit recomputed, as
// someone without the key could) still verifies link by link but contradicts its checkpoint.
import { describe, expect, test } from "vitest";
import { checkpointSignatureValid } from "@/lib/audit/checkpoint";
import { AUDIT_CHECKPOINT_JOB_KIND, queueAuditCheckpoint } from "@/lib/audit/checkpoint-job";
import { auditCheckpointKey } from "@/lib/audit/checkpoint-key";
import { eventHash } from "@/lib/audit/hash";
import { verifyChain, verifyChainAndCheckpoints } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/worker";
import { completeSteps, logIncident } from "@/tests/helpers/incidents";

async function merchantId(): Promise<string> {
  return (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
}

describe("the audit.checkpoint job", () => {
  test("is queued once however often the worker asks, and signs each moved head once", async () => {
    const merchant = await merchantId();
    await queueAuditCheckpoint();
    await queueAuditCheckpoint();
    expect(await prisma.job.count({ where: { kind: AUDIT_CHECKPOINT_JOB_KIND, status: "queued" } })).toBe(1);

    expect(await runDueJobs()).toBeGreaterThanOrEqual(1);
    const head = await prisma.merchant.findUniqueOrThrow({
      where: { id: merchant },
      select: { auditSeq: true, auditHash: true },
    });
    const checkpoint = await prisma.auditCheckpoint.findFirstOrThrow({
      where: { merchantId: merchant },
      orderBy: { seq: "desc" },
    });
    expect(checkpoint).toMatchObject({ seq: head.auditSeq, hash: head.auditHash, source: "schedule" });
    expect(checkpointSignatureValid(auditCheckpointKey(), checkpoint, checkpoint.signature)).toBe(true);

    // Nothing appended since: the next run signs nothing new.
    const count = await prisma.auditCheckpoint.count();
    await queueAuditCheckpoint();
    await runDueJobs();
    expect(await prisma.auditCheckpoint.count()).toBe(count);

    // An incident moves the head: the next run signs it.
    await logIncident();
    await queueAuditCheckpoint();
    await runDueJobs();
    const moved = await prisma.merchant.findUniqueOrThrow({ where: { id: merchant }, select: { auditSeq: true } });
    expect(
      await prisma.auditCheckpoint.findFirst({ where: { merchantId: merchant }, orderBy: { seq: "desc" } }),
    ).toMatchObject({
      seq: moved.auditSeq,
    });
    expect(await verifyChainAndCheckpoints({ merchantId: merchant })).toMatchObject({
      ok: true,
      checkpoint: { status: "ok" },
    });
  });
});

describe("a chain rewritten with every later hash recomputed", () => {
  test("verifies link by link, but the event at a signed checkpoint no longer has its hash", async () => {
    const merchant = await merchantId();
    const incident = await completeSteps(await logIncident({ description: "to be rewritten" }), ["halt"]);
    await queueAuditCheckpoint();
    await runDueJobs();
    const checkpoint = await prisma.auditCheckpoint.findFirstOrThrow({
      where: { merchantId: merchant },
      orderBy: { seq: "desc" },
    });
    const halted = await prisma.auditEvent.findFirstOrThrow({
      where: { incidentId: incident.id, type: "step.completed" },
    });

    // Rewrite the halt's note, then re-hash it and every event after it, and move the head along.
    const later = await prisma.auditEvent.findMany({
      where: { merchantId: merchant, seq: { gte: halted.seq } },
      orderBy: { seq: "asc" },
    });
    let prevHash = halted.prevHash;
    for (const event of later) {
      const after =
        event.seq === halted.seq
          ? (event.after ?? "").replace('"version":2', '"note":"all fine","version":2')
          : event.after;
      const { merchantId: eventMerchant, seq, incidentId, actorId, type, before, createdAt } = event;
      const hash = eventHash(prevHash, {
        merchantId: eventMerchant,
        seq,
        incidentId,
        actorId,
        type,
        before,
        after,
        createdAt,
      });
      await prisma.auditEvent.update({ where: { id: event.id }, data: { after, prevHash, hash } });
      prevHash = hash;
    }
    await prisma.merchant.update({ where: { id: merchant }, data: { auditHash: prevHash } });

    expect(await verifyChain({ merchantId: merchant })).toMatchObject({ ok: true });
    expect(await verifyChainAndCheckpoints({ merchantId: merchant })).toMatchObject({
      ok: false,
      brokenAt: null,
      checkpoint: { status: "mismatch", seq: checkpoint.seq },
    });
  });
});
