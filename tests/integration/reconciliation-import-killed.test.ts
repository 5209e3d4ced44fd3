// A worker killed in the middle of an import (SIGKILL: no cleanup of any kind) leaves nothing of it
// visible; the job run again — as another instance does once the lease runs out — completes it with
// exactly the file's lines.
import "@/tests/integration/reconciliation-import-spool-dir";
import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { csv, noHeartbeat, queueFile } from "@/tests/integration/reconciliation-import-fixtures";

const ROWS = 60_000;

function journal(rows: number): string {
  const lines: (string | number)[][] = [
    ["time", "terminal id", "type", "amount", "rrn", "trace no", "batch no", "status"],
  ];
  for (let index = 0; index < rows; index++) {
    const second = index % 86_400;
    const time = `${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}`;
    const day = `2026-11-${String(10 + Math.floor(index / 86_400)).padStart(2, "0")}`;
    lines.push([
      `${day} ${time}`,
      "T1000001",
      "sale",
      (1 + (index % 9000) / 100).toFixed(2),
      `K${index}`,
      String(index).padStart(6, "0"),
      "001",
      "approved",
    ]);
  }
  return csv(lines);
}

test("a killed import leaves nothing visible, and running it again imports every line exactly once", {
  timeout: 180_000,
}, async () => {
  const merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  const visibleBefore = await prisma.reconLine.count({ where: { merchantId, category: { not: "staged" } } });
  const queued = await queueFile({ merchantId, type: "pos_journal", content: journal(ROWS) });

  // node with tsx as a loader, not the tsx CLI: the CLI runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running.
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/reconciliation-import-child.ts", queued.id],
    { env: process.env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  let row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  const deadline = Date.now() + 120_000;
  while (row.rowsRead === 0 && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    row = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  }
  child.kill("SIGKILL");
  expect(await exited, stderr).toBe("SIGKILL");

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
