// The audit.checkpoint job's kind and its queueing (lib/jobs/worker.ts queues one every
// AUDIT_CHECKPOINT_MS; lib/jobs/handlers.ts runs it: lib/audit/write-checkpoint.ts).
import "server-only";
import { prisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const AUDIT_CHECKPOINT_JOB_KIND = "audit.checkpoint";

/** Queues one audit.checkpoint job unless one is already waiting. */
export async function queueAuditCheckpoint(): Promise<void> {
  const waiting = await prisma.job.findFirst({
    where: { kind: AUDIT_CHECKPOINT_JOB_KIND, status: "queued" },
    select: { id: true },
  });
  if (!waiting) await enqueueJob(prisma, { kind: AUDIT_CHECKPOINT_JOB_KIND, payload: {} });
}
