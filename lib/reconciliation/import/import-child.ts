// The import job's own process, started by run-import-in-child.ts for every import job:
//   node --max-old-space-size=<IMPORT_HEAP_MB> --conditions=react-server --import tsx <this file> <importId> [<lease JSON>]
// It runs the import (runImport, the same code as in process), keeping the job's lease between its
// batches as an import in process did, and answers its parent over IPC: { ok: true, usage } or
// { ok: false, message, leaseLost }. If the parent goes away (killed, crashed), the IPC channel
// closes and this process ends — at once when it is idle, else at the import's next heartbeat (a
// batch of lines, a day matched): the lease lapses and another instance runs the import again,
// which a half-done import allows (nothing of it is visible before its publish, whose transaction
// an ended process rolls back).
import v8 from "node:v8";
import { prisma } from "@/lib/db/client";
import { type Lease, LeaseLost, leaseHeartbeat } from "@/lib/jobs/lease";
import { runImport } from "@/lib/reconciliation/import/run-import";

export interface ChildUsage {
  /** This process's id: not the server's. */
  pid: number;
  /** The process's peak resident set, in MB: the import's memory, apart from the server's. */
  peakRssMb: number;
  /** User + system CPU time, in milliseconds. */
  cpuMs: number;
  /** The V8 heap limit the process ran under, in MB. */
  heapLimitMb: number;
}

export type ChildAnswer = { ok: true; usage: ChildUsage } | { ok: false; message: string; leaseLost: boolean };

function answer(message: ChildAnswer, code: number) {
  if (!process.send) process.exit(code);
  process.send(message, () => process.exit(code));
}

function usage(): ChildUsage {
  const cpu = process.cpuUsage();
  return {
    pid: process.pid,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024),
  };
}

/** Started by a parent over IPC (not by hand or a test without one) whose channel has closed. */
const orphaned = () => process.send !== undefined && !process.connected;

process.on("disconnect", () => process.exit(1));
// The parent may have gone while this process was still loading, before the listener was there.
if (orphaned()) process.exit(1);

function main(importId: string | undefined, leaseJson: string | undefined) {
  if (!importId) {
    answer({ ok: false, message: "import-child: no import id given", leaseLost: false }, 2);
    return;
  }
  const renew = leaseJson ? leaseHeartbeat(JSON.parse(leaseJson) as Lease) : async () => {};
  const heartbeat = async () => {
    // Yield to the event loop, so a closed channel is noticed even where the import's awaits are
    // all on synchronous SQLite calls; then keep the lease.
    await new Promise((resolve) => setImmediate(resolve));
    if (orphaned()) process.exit(1);
    await renew();
  };
  runImport(importId, { heartbeat })
    .then(
      async () => {
        await prisma.$disconnect();
        answer({ ok: true, usage: usage() }, 0);
      },
      async (error: unknown) => {
        await prisma.$disconnect().catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        answer({ ok: false, message, leaseLost: error instanceof LeaseLost }, 1);
      },
    )
    .catch(() => process.exit(1));
}

// (tsx compiles this file as CommonJS: no top-level await.)
main(process.argv[2], process.argv[3]);
