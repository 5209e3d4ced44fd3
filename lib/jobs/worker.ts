// The job worker every instance runs (started from instrumentation.ts): claims due jobs one at a
// time and runs them, polling when the queue is empty. One job at a time per instance keeps a big
// import from starving the requests this instance serves; more instances run more jobs. Every
// DEADLINE_SWEEP_MS it also runs the deadline job (lib/deadlines/sweep.ts), which every instance
// may run at once: each move is claimed by one.
// Every AUDIT_CHECKPOINT_MS it queues the audit.checkpoint job (issue 10), which signs a checkpoint
// of each chain head that moved; a head already checkpointed is left as it is, so several instances
// queueing it cost nothing more.
// Every poll it also sends the webhook deliveries that are due (lib/webhooks/deliver.ts), beside the
// jobs rather than between them, so a slow receiver never holds up an import; each delivery is
// claimed by one instance.
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { queueAuditCheckpoint } from "@/lib/audit/checkpoint-job";
import { sweepDeadlines } from "@/lib/deadlines/sweep";
import { env } from "@/lib/env";
import { claimJob } from "@/lib/jobs/claim-job";
import { runJob } from "@/lib/jobs/run-job";
import { log } from "@/lib/log";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";

/** This process's name on the leases it takes. */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Runs every job that is due now, one after another, in this process; returns how many ran. */
export async function runDueJobs(leaseMs = env.JOB_LEASE_MS): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimJob(WORKER_ID, leaseMs);
    if (!job) return ran;
    await runJob(job, WORKER_ID, leaseMs);
    ran++;
  }
}

const globalForWorker = globalThis as unknown as { slipcaseJobWorker?: { stop(): void; wake(): void } };

/** Starts the polling loop once per process. */
export function startJobWorker(): { stop(): void; wake(): void } {
  if (globalForWorker.slipcaseJobWorker) return globalForWorker.slipcaseJobWorker;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let lastSweep = 0;
  let lastCheckpoint = 0;
  let sendingWebhooks = false;
  const tick = async () => {
    timer = null;
    if (stopped || running) return;
    running = true;
    try {
      if (!sendingWebhooks) {
        sendingWebhooks = true;
        void deliverDueWebhooks({ owner: WORKER_ID })
          .catch((error) =>
            log.error("webhook.sweep_error", { error: error instanceof Error ? error.message : String(error) }),
          )
          .finally(() => {
            sendingWebhooks = false;
          });
      }
      await runDueJobs();
      if (Date.now() - lastSweep >= env.DEADLINE_SWEEP_MS) {
        lastSweep = Date.now();
        await sweepDeadlines();
      }
      if (Date.now() - lastCheckpoint >= env.AUDIT_CHECKPOINT_MS) {
        lastCheckpoint = Date.now();
        await queueAuditCheckpoint();
      }
    } catch (error) {
      // The database may be briefly away (restart, failover): try again at the next tick.
      log.error("job.worker_error", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(tick, env.JOB_POLL_MS);
    }
  };
  timer = setTimeout(tick, 0);
  const worker = {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    /** Looks for work now instead of at the next poll (after this instance queued a job). */
    wake() {
      if (!stopped && !running && timer) {
        clearTimeout(timer);
        timer = setTimeout(tick, 0);
      }
    },
  };
  globalForWorker.slipcaseJobWorker = worker;
  return worker;
}

/** Looks for work now on this instance, if its worker runs (after a request queued a job). */
export function wakeJobWorker(): void {
  globalForWorker.slipcaseJobWorker?.wake();
}
