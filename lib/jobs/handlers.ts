// What each kind of job runs. A handler must be safe to run again from the start: a job whose
// worker died is taken over by another instance once its lease runs out.
import "server-only";
import { z } from "zod";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { ALERTS_EVALUATE_JOB_KIND } from "@/lib/alerts/queue-evaluation";
import { AUDIT_CHECKPOINT_JOB_KIND } from "@/lib/audit/checkpoint-job";
import { checkpointAllChains } from "@/lib/audit/write-checkpoint";
import type { Lease } from "@/lib/jobs/lease";
import { log } from "@/lib/log";
import { EMAIL_JOB_KIND } from "@/lib/notifications/notify";
import { sendNotificationEmails } from "@/lib/notifications/send-notification-emails";
import { abandonImport } from "@/lib/reconciliation/import/abandon-import";
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";

export interface JobContext extends Lease {
  /** Keeps the lease; call it at least every few seconds during long work. Throws when the lease is lost. */
  heartbeat(): Promise<void>;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

const importPayload = z.object({ importId: z.string().min(1) });
const alertsPayload = z.object({ merchantId: z.string().min(1), lines: z.boolean().optional() });

export const JOB_HANDLERS: Record<string, JobHandler> = {
  // In a process of its own, with a heap limit of its own, which keeps the lease (run-import-in-child.ts).
  "reconciliation.import": async (payload, { jobId, owner, leaseMs }) => {
    const { importId } = importPayload.parse(payload);
    const usage = await runImportInChild(importId, { jobId, owner, leaseMs });
    log.info("reconciliation.import_process", { importId, ...usage });
  },
  // Issue 9: notifications mailed after their change committed (lib/notifications/notify.ts).
  [EMAIL_JOB_KIND]: (payload) => sendNotificationEmails(payload),
  // Issue 10: a signed checkpoint of every merchant's audit chain head (queued by lib/jobs/worker.ts).
  [AUDIT_CHECKPOINT_JOB_KIND]: async () => {
    await checkpointAllChains();
  },
  // Issue 10: the alert rules evaluated after incident changes and imports (lib/alerts/evaluate.ts).
  [ALERTS_EVALUATE_JOB_KIND]: async (payload) => {
    await evaluateAlerts(alertsPayload.parse(payload));
  },
};

/**
 * What to do when a job of a kind has failed on its last attempt: leave the records it works on
 * in a final state (an import must not stay "parsing" for ever).
 */
export const JOB_GIVE_UP: Record<string, (payload: unknown, error: string) => Promise<void>> = {
  "reconciliation.import": async (payload, error) => {
    const parsed = importPayload.safeParse(payload);
    if (parsed.success) await abandonImport(parsed.data.importId, error);
  },
};
