// Puts a job on the queue inside the caller's transaction, so the job exists exactly when the
// change that asked for it commits (the outbox pattern): a rollback leaves no orphan job, and a
// commit is never without its job.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";

export async function enqueueJob(tx: Tx, { kind, payload }: { kind: string; payload: unknown }): Promise<string> {
  const id = newId();
  const now = new Date();
  await tx.job.create({ data: { id, kind, payload: JSON.stringify(payload), status: "queued", runAt: now } });
  return id;
}
