// The import job runs each import in a process of its own, under a heap limit of its own
// (lib/reconciliation/import/run-import-in-child.ts): the job queue's path completes an import
// there; the child reports the limit it ran under; a child out of memory fails the attempt with a
// message saying so; a lost lease kills the child; a killed worker takes its child with it — and in
// none of these does anything of the import become visible.
import "@/tests/integration/reconciliation-import-spool-dir";
import fs from "node:fs";
import { expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { runDueJobs } from "@/lib/jobs/worker";
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";
import { csv, longJournal, queueFile, spawnTsx } from "@/tests/integration/reconciliation-import-fixtures";

const JOURNAL = csv([
  ["交易时间", "终端号", "交易类型", "交易金额", "参考号", "交易状态"],
  ["2026-11-20 10:00:00", "T1000001", "消费", "12.50", "P1", "成功"],
  ["2026-11-20 10:05:00", "T1000001", "消费", "30.00", "P2", "成功"],
]);

async function merchantId() {
  return (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
}

async function visibleLines(importId: string) {
  return prisma.reconLine.count({ where: { importId, category: { not: "staged" } } });
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

test("the job queue runs an import in a process of its own, under the heap limit it was given", {
  timeout: 60_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: JOURNAL });
  await prisma.$transaction((tx) =>
    enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: queued.id } }),
  );
  await runDueJobs();
  expect(await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
    status: "done",
    rowsRead: 2,
  });
  expect(await visibleLines(queued.id)).toBe(2);

  const again = await queueFile({
    merchantId: await merchantId(),
    type: "pos_journal",
    content: JOURNAL.replaceAll("P1", "P3").replaceAll("P2", "P4"),
  });
  const usage = await runImportInChild(again.id, { heartbeat: async () => {} }, { heapMb: 96 });
  // V8's limit is the old generation asked for plus the young one's few MB.
  expect(usage.heapLimitMb).toBeGreaterThanOrEqual(96);
  expect(usage.heapLimitMb).toBeLessThan(96 + 64);
  expect(usage.peakRssMb).toBeGreaterThan(usage.heapLimitMb / 4);
  expect(usage.cpuMs).toBeGreaterThan(0);
  expect(await visibleLines(again.id)).toBe(2);
});

test("an import process out of memory ends the attempt with a message that names the limit, and stores nothing visible", {
  timeout: 60_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: JOURNAL });
  await expect(runImportInChild(queued.id, { heartbeat: async () => {} }, { heapMb: 8 })).rejects.toThrow(
    /ran out of memory under its heap limit of 8 MB \(IMPORT_HEAP_MB\)/,
  );
  expect(await visibleLines(queued.id)).toBe(0);
});

test("a lost lease kills the import's process at once, leaving nothing of it visible", {
  timeout: 120_000,
}, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: longJournal(60_000) });
  const lost = new Error("lease lost to another worker");
  const outcome = runImportInChild(queued.id, {
    heartbeat: async () => {
      // The lease holds until the child has begun, then another instance takes the job over.
      const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
      if (row.status !== "queued") throw lost;
    },
  });
  await expect(outcome).rejects.toBe(lost);
  expect(processesWith("import-child.ts", queued.id)).toEqual([]);
  const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  expect(["parsing", "matching"]).toContain(row.status);
  expect(await visibleLines(queued.id)).toBe(0);
  // Stopped, not running on unseen: its progress no longer moves.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
    status: row.status,
    rowsRead: row.rowsRead,
  });
  expect(await visibleLines(queued.id)).toBe(0);
});

test("a worker killed mid-import takes the import's process with it", { timeout: 120_000 }, async () => {
  const queued = await queueFile({ merchantId: await merchantId(), type: "pos_journal", content: longJournal(60_000) });
  const worker = spawnTsx("tests/integration/reconciliation-import-parent.ts", queued.id);
  const parsing = await waitFor(
    async () => (await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } })).rowsRead > 0,
    60_000,
  );
  expect(parsing, worker.stderr()).toBe(true);
  const children = processesWith("import-child.ts", queued.id);
  expect(children).toHaveLength(1);
  worker.child.kill("SIGKILL");
  expect(await waitFor(() => processesWith("import-child.ts", queued.id).length === 0, 10_000)).toBe(true);
  // Ended, not finished: still where the kill found it, nothing of it visible.
  const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  expect(["parsing", "matching"]).toContain(row.status);
  expect(await visibleLines(queued.id)).toBe(0);
});
