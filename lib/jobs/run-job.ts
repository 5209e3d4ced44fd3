// Runs one claimed job with a heartbeat that keeps its lease, and records how it ended. A failure
// is retried with backoff (5 s, 25 s, …) up to MAX_ATTEMPTS, then the job is failed for good; the
// handler is responsible for leaving its own records (an import marks itself failed) consistent.
import "server-only";
import { type ClaimedJob, finishJob } from "@/lib/jobs/claim-job";
import { JOB_GIVE_UP, JOB_HANDLERS } from "@/lib/jobs/handlers";
import { LeaseLost, leaseHeartbeat } from "@/lib/jobs/lease";
import { log } from "@/lib/log";

export const MAX_ATTEMPTS = 3;

export async function runJob(job: ClaimedJob, owner: string, leaseMs: number): Promise<void> {
  const handler = JOB_HANDLERS[job.kind];
  if (!handler) {
    await finishJob(job.id, owner, { status: "failed", error: `No handler for job kind ${job.kind}.` });
    return;
  }
  const lease = { jobId: job.id, owner, leaseMs };
  try {
    await handler(JSON.parse(job.payload) as unknown, { ...lease, heartbeat: leaseHeartbeat(lease) });
    await finishJob(job.id, owner, { status: "done" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LeaseLost) {
      log.warn("job.lease_lost", { jobId: job.id, kind: job.kind });
      return;
    }
    log.error("job.failed", { jobId: job.id, kind: job.kind, attempts: job.attempts, error: message });
    if (job.attempts >= MAX_ATTEMPTS) {
      await finishJob(job.id, owner, { status: "failed", error: message });
      await giveUp(job, message);
    } else {
      const runAt = new Date(Date.now() + 5_000 * 5 ** (job.attempts - 1));
      await finishJob(job.id, owner, { status: "retry", error: message, runAt });
    }
  }
}

/** The kind's last word on a job that failed for good; its own failure is logged, not thrown. */
async function giveUp(job: ClaimedJob, message: string): Promise<void> {
  try {
    await JOB_GIVE_UP[job.kind]?.(JSON.parse(job.payload) as unknown, message);
  } catch (error) {
    log.error("job.give_up_failed", {
      jobId: job.id,
      kind: job.kind,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
