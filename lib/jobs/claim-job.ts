// Claiming, renewing and finishing a job's lease. Any instance may run any job: a claim is one
// UPDATE that takes the oldest due job — queued, or running under a lease that ran out because its
// worker died — so two instances never hold one job at once. PostgreSQL skips rows another claim
// has locked (FOR UPDATE SKIP LOCKED); SQLite serialises writers, so the UPDATE is atomic there.
// Every later write names the lease owner: a worker that lost its lease (it stalled past it and
// another instance took the job over) cannot mark the job done or failed.
import "server-only";
import { databaseProvider, prisma } from "@/lib/db/client";
import { timestampSql } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
}

export async function claimJob(owner: string, leaseMs: number, now = new Date()): Promise<ClaimedJob | null> {
  const until = new Date(now.getTime() + leaseMs);
  const skipLocked = databaseProvider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const [job] = await prisma.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'running', "leaseOwner" = ${owner}, "leaseUntil" = ${timestampSql(until)},
      "attempts" = "attempts" + 1, "updatedAt" = ${timestampSql(now)}
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'queued' AND "runAt" <= ${timestampSql(now)})
         OR ("status" = 'running' AND "leaseUntil" < ${timestampSql(now)})
      ORDER BY "runAt", "id" LIMIT 1 ${skipLocked})
    RETURNING "id", "kind", "payload", "attempts"`;
  return job ? { ...job, attempts: Number(job.attempts) } : null;
}

/** Extends the lease; false when this worker no longer holds the job. */
export async function renewLease(jobId: string, owner: string, leaseMs: number): Promise<boolean> {
  const until = new Date(Date.now() + leaseMs);
  const changed = await prisma.$executeRaw`
    UPDATE "Job" SET "leaseUntil" = ${timestampSql(until)}
    WHERE "id" = ${jobId} AND "leaseOwner" = ${owner} AND "status" = 'running'`;
  return changed === 1;
}

/** Ends the job: done, failed for good, or back on the queue to be retried after a pause. */
export async function finishJob(
  jobId: string,
  owner: string,
  outcome: { status: "done" } | { status: "failed"; error: string } | { status: "retry"; error: string; runAt: Date },
): Promise<void> {
  const now = new Date();
  const status = outcome.status === "retry" ? "queued" : outcome.status;
  const error = outcome.status === "done" ? null : outcome.error.slice(0, 2000);
  const runAt = outcome.status === "retry" ? outcome.runAt : now;
  await prisma.$executeRaw`
    UPDATE "Job" SET "status" = ${status}, "lastError" = ${error}, "runAt" = ${timestampSql(runAt)},
      "leaseOwner" = NULL, "leaseUntil" = NULL, "updatedAt" = ${timestampSql(now)}
    WHERE "id" = ${jobId} AND "leaseOwner" = ${owner}`;
}
