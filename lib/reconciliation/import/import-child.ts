// The import job's own process, started by run-import-in-child.ts for every import job:
//   node --max-old-space-size=<IMPORT_HEAP_MB> --conditions=react-server --import tsx <this file> <importId>
// It runs the import (runImport, the same code as in process) and answers its parent over IPC:
// { ok: true, usage } or { ok: false, message }. The parent keeps the job's lease; this process
// only imports. If the parent goes away (killed, crashed), the IPC channel closes and this process
// ends at once: the lease lapses and another instance runs the import again, which a half-done
// import allows (nothing of it is visible before its publish).
import v8 from "node:v8";
import { prisma } from "@/lib/db/client";
import { runImport } from "@/lib/reconciliation/import/run-import";

export interface ChildUsage {
  /** The process's peak resident set, in MB: the import's memory, apart from the server's. */
  peakRssMb: number;
  /** User + system CPU time, in milliseconds. */
  cpuMs: number;
  /** The V8 heap limit the process ran under, in MB. */
  heapLimitMb: number;
}

export type ChildAnswer = { ok: true; usage: ChildUsage } | { ok: false; message: string };

function answer(message: ChildAnswer, code: number) {
  if (!process.send) process.exit(code);
  process.send(message, () => process.exit(code));
}

function usage(): ChildUsage {
  const cpu = process.cpuUsage();
  return {
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024),
  };
}

process.on("disconnect", () => process.exit(1));

function main(importId: string | undefined) {
  if (!importId) {
    answer({ ok: false, message: "import-child: no import id given" }, 2);
    return;
  }
  // The heartbeat yields to the event loop, so a closed channel is noticed between two batches
  // even where the import's awaits are all on synchronous SQLite calls.
  runImport(importId, { heartbeat: () => new Promise((resolve) => setImmediate(resolve)) })
    .then(
      async () => {
        await prisma.$disconnect();
        answer({ ok: true, usage: usage() }, 0);
      },
      async (error: unknown) => {
        await prisma.$disconnect().catch(() => {});
        answer({ ok: false, message: error instanceof Error ? error.message : String(error) }, 1);
      },
    )
    .catch(() => process.exit(1));
}

// (tsx compiles this file as CommonJS: no top-level await.)
main(process.argv[2]);
