// A worker killed in the middle of an import (SIGKILL: no cleanup of any kind) leaves nothing of it
// visible; the job run again — as another instance does once the lease runs out — completes it with
// exactly the file's lines.
import "@/tests/integration/reconciliation-import-spool-dir";
import { expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { longJournal, noHeartbeat, queueFile, spawnTsx } from "@/tests/integration/reconciliation-import-fixtures";

// Big enough that the first progress report (every 500 ms) comes well before the parse ends.
const ROWS = 150_000;

test("a killed import leaves nothing visible, and running it again imports every line exactly once", {
  timeout: 180_000,
}, async () => {
  const merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  const visibleBefore = await prisma.reconLine.count({ where: { merchantId, category: { not: "staged" } } });
  const queued = await queueFile({ merchantId, type: "pos_journal", content: longJournal(ROWS) });

  const { child, exited, stderr } = spawnTsx("lib/reconciliation/import/import-child.ts", queued.id);
  let row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  const deadline = Date.now() + 120_000;
  while (row.rowsRead === 0 && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  }
  child.kill("SIGKILL");
  expect(await exited, stderr()).toBe("SIGKILL");

  row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  expect(row.status).toBe("parsing");
  expect(row.rowsRead).toBeGreaterThan(0);
  expect(row.rowsRead).toBeLessThan(ROWS);
  // Killed mid-way: some of its lines were written, none of them visible.
  expect(await prisma.reconLine.count({ where: { importId: queued.id } })).toBeGreaterThan(0);
  expect(await prisma.reconLine.count({ where: { importId: queued.id, category: { not: "staged" } } })).toBe(0);
  expect(await prisma.reconLine.count({ where: { merchantId, category: { not: "staged" } } })).toBe(visibleBefore);
  expect(await prisma.reconException.count({ where: { merchantId } })).toBe(0);

  await runImport(queued.id, noHeartbeat);
  expect(await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
    status: "done",
    rowsRead: ROWS,
  });
  expect(await prisma.reconLine.count({ where: { importId: queued.id } })).toBe(ROWS);
  expect(await prisma.reconLine.count({ where: { importId: queued.id, category: "staged" } })).toBe(0);
  const numbers = await prisma.reconLine.groupBy({
    by: ["lineNo"],
    where: { importId: queued.id },
    having: { lineNo: { _count: { gt: 1 } } },
  });
  expect(numbers).toEqual([]);
});
