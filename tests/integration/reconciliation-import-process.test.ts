// The import job runs each import in a process of its own, under a heap limit of its own
// (lib/reconciliation/import/run-import-in-child.ts): the job queue's path completes an import
// there; the child reports the limit it ran under; a child out of memory fails the attempt with a
// message saying so; the child keeps the lease and stops when it is lost; a killed worker takes its
// child with it, also one still starting — and in none of these does anything of the import become
// visible.
import "@/tests/integration/reconciliation-import-spool-dir";
import fs from "node:fs";
import { afterEach, expect, test, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { claimJob } from "@/lib/jobs/claim-job";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { LeaseLost } from "@/lib/jobs/lease";
import { runDueJobs } from "@/lib/jobs/worker";
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";
import { csv, longJournal, queueFile, spawnTsx } from "@/tests/integration/reconciliation-import-fixtures";

const JOURNAL = csv([
  ["交易时间", "终端号", "交易类型", "交易金额", "参考号", "交易状态"],
  ["2026-11-20 10:00:00", "T1000001", "消费", "12.50", "P1", "成功"],
  ["2026-11-20 10:05:00", "T1000001", "消费", "30.00", "P2", "成功"],
]);
/** Long enough to parse for a second or more, so that a kill or a lost lease lands mid-way. */
const LONG_ROWS = 150_000;

async function merchantId() {
  return (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
}

async function visibleLines(importId: string) {
  return prisma.reconLine.count({ where: { importId, category: { not: "staged" } } });
}

async function importRow(importId: string) {
  return prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
}

/** The pids of running processes whose command line holds every one of `parts`. */
function processesWith(...parts: string[]): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    if (parts.every((part) => commandLine.includes(part))) pids.push(Number(entry));
  }
  return pids;
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

/**
 * Whatever a failed test left running is ended, so it cannot write into the next test's rows —
 * only this file's processes (other files' imports run beside it).
 */
const started: { kill(signal: NodeJS.Signals): boolean }[] = [];
const importIds: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
  for (const importId of importIds.splice(0)) {
    for (const pid of processesWith("import-child.ts", importId)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
  vi.restoreAllMocks();
});

test("the job queue runs an import in a process of its own, under the heap limit it was given", {
  timeout: 60_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: JOURNAL });
  await prisma.$transaction((tx) =>
    enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: queued.id } }),
  );
  const logged = vi.spyOn(console, "log");
  await runDueJobs();
  expect(await importRow(queued.id)).toMatchObject({ status: "done", rowsRead: 2 });
  expect(await visibleLines(queued.id)).toBe(2);
  const line = logged.mock.calls
    .map(([text]) => String(text))
    .find((text) => text.includes('"reconciliation.import_process"') && text.includes(queued.id));
  const usage = JSON.parse(line ?? "{}") as { pid?: number; heapLimitMb?: number };
  expect(usage.pid).toBeGreaterThan(0);
  expect(usage.pid).not.toBe(process.pid);
  // V8's limit is the old generation asked for plus the young one's few tens of MB.
  expect(usage.heapLimitMb).toBeGreaterThanOrEqual(env.IMPORT_HEAP_MB);
  expect(usage.heapLimitMb).toBeLessThan(env.IMPORT_HEAP_MB + 64);

  const again = await queueFile({
    merchantId: await merchantId(),
    type: "pos_journal",
    content: JOURNAL.replaceAll("P1", "P3").replaceAll("P2", "P4"),
  });
  const small = await runImportInChild(again.id, null, { heapMb: 96 });
  expect(small.heapLimitMb).toBeGreaterThanOrEqual(96);
  expect(small.heapLimitMb).toBeLessThan(96 + 64);
  expect(small.peakRssMb).toBeGreaterThan(small.heapLimitMb / 4);
  expect(small.cpuMs).toBeGreaterThan(0);
  expect(await visibleLines(again.id)).toBe(2);
});

test("an import process out of memory ends the attempt with a message that names the limit", {
  timeout: 60_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: JOURNAL });
  await expect(runImportInChild(queued.id, null, { heapMb: 8 })).rejects.toThrow(
    /ran out of memory under its heap limit of 8 MB \(IMPORT_HEAP_MB\)/,
  );
});

test("the import's process keeps the job's lease, and stops once another worker holds it", {
  timeout: 120_000,
}, async () => {
  const queued = await queueFile({
    merchantId: await merchantId(),
    type: "pos_journal",
    content: longJournal(LONG_ROWS),
  });
  importIds.push(queued.id);
  const jobId = await prisma.$transaction((tx) =>
    enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: queued.id } }),
  );
  // (Jobs the earlier imports queued — their alert evaluations — are not this test's.)
  await prisma.job.updateMany({ where: { id: { not: jobId }, status: "queued" }, data: { status: "done" } });
  // A short lease, renewed at every heartbeat of the import (a third of it apart, at most).
  const job = await claimJob("worker-a", 600);
  expect(job?.id).toBe(jobId);
  // Another instance has taken the job over (as when this one stalled past its lease): the import
  // finds out at its first renewal, a fifth of a second into its work.
  await prisma.job.update({ where: { id: jobId }, data: { leaseOwner: "worker-b" } });
  const outcome = runImportInChild(queued.id, { jobId, owner: "worker-a", leaseMs: 600 });
  await expect(outcome).rejects.toBeInstanceOf(LeaseLost);
  expect(processesWith("import-child.ts", queued.id)).toEqual([]);
  const row = await importRow(queued.id);
  expect(["parsing", "matching"]).toContain(row.status);
  expect(await visibleLines(queued.id)).toBe(0);
  // Stopped, not running on unseen: its progress no longer moves.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await importRow(queued.id)).toMatchObject({ status: row.status, rowsRead: row.rowsRead });
  expect(await visibleLines(queued.id)).toBe(0);
});

test("a worker killed mid-import takes the import's process with it", { timeout: 120_000 }, async () => {
  const queued = await queueFile({
    merchantId: await merchantId(),
    type: "pos_journal",
    content: longJournal(LONG_ROWS),
  });
  importIds.push(queued.id);
  const worker = spawnTsx("tests/integration/reconciliation-import-parent.ts", queued.id);
  started.push(worker.child);
  const parsing = await waitFor(async () => (await importRow(queued.id)).rowsRead > 0, 60_000);
  expect(parsing, worker.stderr()).toBe(true);
  expect(processesWith("import-child.ts", queued.id)).toHaveLength(1);
  worker.child.kill("SIGKILL");
  expect(await waitFor(() => processesWith("import-child.ts", queued.id).length === 0, 10_000)).toBe(true);
  // Ended, not finished: still where the kill found it, nothing of it visible.
  const row = await importRow(queued.id);
  expect(["parsing", "matching"]).toContain(row.status);
  expect(await visibleLines(queued.id)).toBe(0);
});

test("a worker killed while its import's process is still starting takes that process with it", {
  timeout: 120_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: JOURNAL });
  importIds.push(queued.id);
  const worker = spawnTsx("tests/integration/reconciliation-import-parent.ts", queued.id);
  started.push(worker.child);
  // The child exists as soon as it is spawned, long before it has loaded its modules.
  expect(await waitFor(() => processesWith("import-child.ts", queued.id).length === 1, 30_000), worker.stderr()).toBe(
    true,
  );
  worker.child.kill("SIGKILL");
  expect(await waitFor(() => processesWith("import-child.ts", queued.id).length === 0, 15_000)).toBe(true);
  expect(await importRow(queued.id)).toMatchObject({ status: "queued", rowsRead: 0 });
  expect(await prisma.reconLine.count({ where: { importId: queued.id } })).toBe(0);
});
