// The measured half of `npm run bench:reconcile` (bench/reconcile.mjs starts it as a child): the
// real import path — each file through the upload spool in this process (receiveSpool: hashed, card
// numbers masked, lines counted; commitSpool), as the upload request does it, its ReconImport row
// as an upload makes it, then the import job as the worker runs it (runImportInChild: a process of
// its own under IMPORT_HEAP_MB — parse, write the lines, match the affected days, settlements,
// exceptions). Files in the order given (journal, statement, bank).
//
//   DATABASE_URL=… UPLOAD_DIR=… tsx --conditions=react-server scripts/bench-reconcile-import.ts '<json>'
//   json: { merchantId, userId, files: [{ type, path, name }], withdraw?: importId }
//   (withdraw: that import withdrawn as finance does it — withdrawImport, then its job — timed alike)
//
// Prints one line "BENCH_RESULT <json>": per file the milliseconds of the spool and of the job
// (wall clock), the CPU time they took, the import's final status, rowsRead and report, and the
// job process's peak RSS and heap limit; peakRssMb is the largest job process's, spoolPeakRssMb
// this process's.
import fs from "node:fs";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { env } from "@/lib/env";
import type { ChildUsage } from "@/lib/reconciliation/import/import-child";
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";
import { withdrawImport } from "@/lib/reconciliation/imports/withdraw-import";
import { commitSpool, receiveSpool } from "@/lib/reconciliation/spool";
import type { ImportType } from "@/lib/reconciliation/types";

interface Input {
  merchantId: string;
  userId: string;
  files: { type: ImportType; path: string; name: string }[];
  withdraw?: string;
}

// BENCH_CPU_PROF_DIR=DIR: a V8 CPU profile of each import job's process there.
const profile = process.env.BENCH_CPU_PROF_DIR
  ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
  : [];
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main() {
  const input = JSON.parse(process.argv[2] ?? "") as Input;
  const results = [];
  for (const file of input.files) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const received = await receiveSpool(fs.createReadStream(file.path, { highWaterMark: 1024 * 1024 }), {
      limitBytes: env.IMPORT_MAX_BYTES,
    });
    const importId = newId();
    await commitSpool(received.tmpPath, importId);
    await prisma.reconImport.create({
      data: {
        id: importId,
        merchantId: input.merchantId,
        type: file.type,
        fileName: file.name,
        contentHash: received.contentHash,
        byteSize: received.byteSize,
        status: "queued",
        rowsTotal: received.lineCount,
        report: JSON.stringify({ pansMaskedOnUpload: received.pansMasked }),
        createdById: input.userId,
      },
    });
    const spooled = performance.now();
    // The job's own path: the import in a process of its own under IMPORT_HEAP_MB. A job that
    // throws (rather than failing the import) is reported with what came before it; the files
    // after it are not run (they would be matched against a half-done state).
    let child: ChildUsage | null = null;
    const thrown = await runImportInChild(importId, null, { execArgv: profile }).then(
      (usage) => {
        child = usage;
        return null;
      },
      (error: unknown) => {
        console.error(error);
        return error instanceof Error ? error.message : String(error);
      },
    );
    const done = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
    results.push({
      type: file.type,
      importId,
      byteSize: received.byteSize,
      spoolMs: Math.round(spooled - started),
      jobMs: Math.round(done - spooled),
      /** User + system CPU time of the spool (this process) and of the job's process: less load-dependent than wall time. */
      cpuMs: Math.round((cpu.user + cpu.system) / 1000) + ((child as ChildUsage | null)?.cpuMs ?? 0),
      /** The job's process: its peak RSS and the heap limit it ran under. */
      job: child,
      status: thrown === null ? row.status : "threw",
      thrown,
      rowsRead: row.rowsRead,
      rowsTotal: row.rowsTotal,
      errors: row.errors ? JSON.parse(row.errors) : null,
      report: row.report ? JSON.parse(row.report) : null,
      spoolPeakRssMbSoFar: rssMb(),
    });
    if (thrown !== null) break;
  }
  if (input.withdraw) results.push(await withdraw(input));
  await prisma.$disconnect();
  const jobRss = results.map((result) => (result.job as ChildUsage | null)?.peakRssMb ?? 0);
  console.log(
    `BENCH_RESULT ${JSON.stringify({ files: results, peakRssMb: Math.max(0, ...jobRss), spoolPeakRssMb: rssMb() })}`,
  );
}

/** Withdraws an import through the app's own use case, then runs its job as the worker does. */
async function withdraw(input: Input) {
  const importId = input.withdraw as string;
  const started = performance.now();
  const actor: Actor = {
    userId: input.userId,
    name: "Bench finance",
    email: "bench-finance@example.test",
    merchantId: input.merchantId,
    role: "FINANCE",
    storeIds: [],
  };
  await withdrawImport({ actor, id: importId });
  const child = await runImportInChild(importId, null, { execArgv: profile });
  const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
  return {
    type: "withdrawal",
    importId,
    spoolMs: 0,
    jobMs: Math.round(performance.now() - started),
    cpuMs: child.cpuMs,
    job: child,
    status: row.status,
    rowsRead: row.rowsRead,
    report: row.report ? JSON.parse(row.report) : null,
  };
}

main().catch(async (error) => {
  console.error(error);
  await prisma.$disconnect().catch(() => {});
  process.exit(1);
});
