// A claimed job's lease, kept by a heartbeat the job calls between batches. It renews at a third of
// the lease — cheap enough to call per batch, safe against a slow batch — and throws LeaseLost once
// another worker holds the job (this one stalled past its lease), so the work stops. A job that runs
// in a process of its own (the import: lib/reconciliation/import/import-child.ts) keeps its lease
// there, between its own transactions, never beside them.
import "server-only";
import { renewLease } from "@/lib/jobs/claim-job";

export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId}: lease lost to another worker.`);
  }
}

export interface Lease {
  jobId: string;
  owner: string;
  leaseMs: number;
}

export function leaseHeartbeat({ jobId, owner, leaseMs }: Lease): () => Promise<void> {
  let lastRenewal = Date.now();
  return async () => {
    if (Date.now() - lastRenewal < leaseMs / 3) return;
    if (!(await renewLease(jobId, owner, leaseMs))) throw new LeaseLost(jobId);
    lastRenewal = Date.now();
  };
}
