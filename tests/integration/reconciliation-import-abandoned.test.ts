// An import whose job fails on every attempt for a reason that is not the file's — here its saved
// format was deleted between the upload and the job — ends "failed", with nothing of it stored,
// instead of staying in "parsing" for ever (it did before the job queue's give-up hook).

import fs from "node:fs";
import { expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { claimJob } from "@/lib/jobs/claim-job";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { MAX_ATTEMPTS, runJob } from "@/lib/jobs/run-job";
import { spoolPathOf } from "@/lib/reconciliation/spool";
import { csv, queueFile } from "@/tests/integration/reconciliation-import-fixtures";

test("a job that fails on every attempt fails its import cleanly, audited, and removes the upload", async () => {
  const { id: merchantId } = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  const queued = await queueFile({
    merchantId,
    type: "pos_journal",
    content: csv([
      ["交易时间", "终端号", "交易类型", "交易金额", "交易状态"],
      ["2026-11-20 10:00:00", "T1000001", "消费", "12.50", "成功"],
    ]),
  });
  await prisma.reconImport.update({ where: { id: queued.id }, data: { formatId: "a-format-deleted-since" } });
  const jobId = await prisma.$transaction((tx) =>
    enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: queued.id } }),
  );

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const job = await claimJob("w", 30_000, new Date(Date.now() + 10 * 60_000 * attempt));
    expect(job?.id).toBe(jobId);
    if (job) await runJob(job, "w", 30_000);
    const during = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
    if (attempt < MAX_ATTEMPTS) expect(during.status).toBe("parsing");
  }

  const ended = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
  expect(ended.status).toBe("failed");
  expect(JSON.parse(ended.errors ?? "[]")).toMatchObject([{ reason: "import_crashed" }]);
  expect(await prisma.reconLine.count({ where: { importId: queued.id } })).toBe(0);
  expect(fs.existsSync(spoolPathOf(queued.id))).toBe(false);
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { merchantId, type: "reconciliation.import_failed" },
    orderBy: { seq: "desc" },
  });
  expect(JSON.parse(event.after ?? "{}")).toMatchObject({ importId: queued.id, errorCount: 1 });
  expect(JSON.parse(event.after ?? "{}").cause).toContain("FORMAT_NOT_FOUND");
});
