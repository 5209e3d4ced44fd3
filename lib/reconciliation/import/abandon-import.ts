// When the import job has failed on every attempt for a reason that is not the file's (the
// database away, a saved format deleted after the upload, a bug): the import must not stay in
// "parsing" or "matching" for ever. Its staged lines are deleted — nothing of it was visible — and
// it ends "failed" with one error saying so, audited, its upload removed; the same file uploaded
// again is queued afresh. An import whose publish already committed is left to finish: its lines
// are visible and consistent, only its closing events are missing.
//
// A withdrawal that failed so before its publish (nothing of it was visible) leaves the import as
// it was, done — its report saying the withdrawal failed, for its page to tell finance, who may
// withdraw it again — with its content hash back unless the same file was imported again
// meanwhile (then both are visible, twins of each other, until finance withdraws this one). One
// whose publish committed is only finished (run-withdrawal.ts's last step).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import type { ReconImport } from "@/lib/generated/prisma/client";
import { failImport } from "@/lib/reconciliation/import/fail-import";
import { openLineStore } from "@/lib/reconciliation/import/line-store";
import { finishWithdrawal } from "@/lib/reconciliation/import/run-withdrawal";
import { withdrawalOf } from "@/lib/reconciliation/imports/withdrawal";
import type { ImportType, RowError } from "@/lib/reconciliation/types";

export async function abandonImport(importId: string, cause: string): Promise<void> {
  const reconImport = await prisma.reconImport.findUnique({ where: { id: importId } });
  if (!reconImport || !["queued", "parsing", "matching", "withdrawing"].includes(reconImport.status)) return;
  const report = reconImport.report ? (JSON.parse(reconImport.report) as Record<string, unknown>) : {};
  if (reconImport.status === "withdrawing") return abandonWithdrawal(reconImport, report, cause);
  if (typeof report.publishedAt === "string") return;
  const error: RowError = {
    line: 0,
    column: null,
    reason: "import_crashed",
    message: "The import stopped on an unexpected error; nothing of it was stored. Upload the file again.",
  };
  const store = await openLineStore();
  try {
    await failImport(store, reconImport, { rowsRead: 0, errors: [error], errorCount: 1, cause });
  } finally {
    await store.close();
  }
}

async function abandonWithdrawal(reconImport: ReconImport, report: Record<string, unknown>, cause: string) {
  const withdrawal = withdrawalOf(report);
  if (!withdrawal) return;
  if (withdrawal.publishedAt) return finishWithdrawal(reconImport, withdrawal);
  const { withdrawal: _withdrawal, ...kept } = report;
  const failed = {
    ...kept,
    withdrawalFailed: { requestedAt: withdrawal.requestedAt, failedAt: new Date().toISOString() },
  };
  const contentHash = reconImport.contentHash.split(":withdrawn:")[0];
  await prisma.$transaction(async (tx) => {
    const taken = await tx.reconImport.findUnique({
      where: {
        merchantId_type_contentHash: { merchantId: reconImport.merchantId, type: reconImport.type, contentHash },
      },
      select: { id: true },
    });
    const claimed = await tx.reconImport.updateMany({
      where: { id: reconImport.id, status: "withdrawing" },
      data: { status: "done", report: JSON.stringify(failed), ...(taken ? {} : { contentHash }) },
    });
    if (claimed.count !== 1) return;
    await appendEvent(tx, {
      merchantId: reconImport.merchantId,
      actorId: withdrawal.requestedBy,
      type: "reconciliation.import_withdrawal_failed",
      after: {
        importId: reconImport.id,
        type: reconImport.type as ImportType,
        fileName: reconImport.fileName,
        cause: maskPans(cause).slice(0, 500),
      },
    });
  });
}
