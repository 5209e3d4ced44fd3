// Queues the alert evaluation job for a merchant inside the caller's transaction (the outbox rule:
// the job exists exactly when the change commits). Coalesced: when one with the same payload is
// already queued (not yet claimed) nothing is added, so a rush of incident changes costs one
// evaluation. A job already running may have read before this change, so it does not count.
// `lines`: the evaluation also reads the POS journal's per-operator rates (the costlier read), asked
// for by a reconciliation import, which is what changes lines.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { Prisma } from "@/lib/generated/prisma/client";

export const ALERTS_EVALUATE_JOB_KIND = "alerts.evaluate";

export function evaluationPayload({ merchantId, lines = false }: { merchantId: string; lines?: boolean }): string {
  return JSON.stringify(lines ? { merchantId, lines: true } : { merchantId });
}

export async function queueAlertEvaluation(tx: Tx, input: { merchantId: string; lines?: boolean }): Promise<void> {
  await tx.$executeRaw(queueAlertEvaluationSql(input));
}

/** The same as one statement, for a writer that sends its statements together (an incident's create). */
export function queueAlertEvaluationSql(input: { merchantId: string; lines?: boolean }): Prisma.Sql {
  const payload = evaluationPayload(input);
  const now = new Date();
  return Prisma.sql`
    INSERT INTO "Job" ("id", "kind", "payload", "status", "runAt", "attempts", "createdAt", "updatedAt")
    SELECT ${newId()}, ${ALERTS_EVALUATE_JOB_KIND}, ${payload}, 'queued', ${now}, 0, ${now}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM "Job" WHERE "status" = 'queued' AND "kind" = ${ALERTS_EVALUATE_JOB_KIND} AND "payload" = ${payload}
    )`;
}
