// How an import ends failed, whether its file was refused (row errors, a wrong total, an unknown
// terminal) or its job gave up: the staged lines deleted — nothing of it was ever visible — the
// import marked failed with its errors only if no other worker moved it on meanwhile, the
// import_failed event in the same transaction, and the upload removed.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import type { ReconImport } from "@/lib/generated/prisma/client";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import { removeSpool } from "@/lib/reconciliation/spool";
import type { ImportType } from "@/lib/reconciliation/types";

export async function deleteStaged(store: LineStore, importId: string): Promise<void> {
  await store.transaction(() =>
    store.run(`DELETE FROM "ReconLine" WHERE "importId" = ? AND "category" = 'staged'`, [importId]),
  );
}

export async function failImport(
  store: LineStore,
  reconImport: ReconImport,
  outcome: { rowsRead: number; errors: unknown[]; errorCount: number; cause?: string },
): Promise<void> {
  await deleteStaged(store, reconImport.id);
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.reconImport.updateMany({
      where: { id: reconImport.id, status: reconImport.status },
      // No total: the upload's count (title and header lines included) was an estimate, and a
      // refused file may have stopped being read early; the page shows the rows read alone.
      data: { status: "failed", rowsTotal: null, errors: JSON.stringify(outcome.errors), finishedAt: new Date() },
    });
    if (claimed.count !== 1) return;
    await appendEvent(tx, {
      merchantId: reconImport.merchantId,
      actorId: reconImport.createdById,
      type: "reconciliation.import_failed",
      after: {
        importId: reconImport.id,
        type: reconImport.type as ImportType,
        fileName: reconImport.fileName,
        rows: outcome.rowsRead,
        errorCount: outcome.errorCount,
        ...(outcome.cause === undefined ? {} : { cause: maskPans(outcome.cause).slice(0, 500) }),
      },
    });
  });
  await removeSpool(reconImport.id);
}
