// When the import job has failed on every attempt for a reason that is not the file's (the
// database away, a saved format deleted after the upload, a bug): the import must not stay in
// "parsing" or "matching" for ever. Its staged lines are deleted — nothing of it was visible — and
// it ends "failed" with one error saying so, audited, its upload removed; the same file uploaded
// again is queued afresh. An import whose publish already committed is left to finish: its lines
// are visible and consistent, only its closing events are missing.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { openLineStore } from "@/lib/reconciliation/import/line-store";
import { removeSpool } from "@/lib/reconciliation/spool";
import type { ImportType, RowError } from "@/lib/reconciliation/types";

export async function abandonImport(importId: string, cause: string): Promise<void> {
  const reconImport = await prisma.reconImport.findUnique({ where: { id: importId } });
  if (!reconImport || !["queued", "parsing", "matching"].includes(reconImport.status)) return;
  const report = reconImport.report ? (JSON.parse(reconImport.report) as { publishedAt?: unknown }) : {};
  if (typeof report.publishedAt === "string") return;
  const store = await openLineStore();
  try {
    await store.transaction(() =>
      store.run(`DELETE FROM "ReconLine" WHERE "importId" = ? AND "category" = 'staged'`, [importId]),
    );
  } finally {
    await store.close();
  }
  const error: RowError = {
    line: 0,
    column: null,
    reason: "import_crashed",
    message: "The import stopped on an unexpected error; nothing of it was stored. Upload the file again.",
  };
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.reconImport.updateMany({
      where: { id: importId, status: reconImport.status },
      data: { status: "failed", errors: JSON.stringify([error]), finishedAt: new Date() },
    });
    if (claimed.count !== 1) return;
    await appendEvent(tx, {
      merchantId: reconImport.merchantId,
      actorId: reconImport.createdById,
      type: "reconciliation.import_failed",
      after: {
        importId,
        type: reconImport.type as ImportType,
        fileName: reconImport.fileName,
        rows: 0,
        errorCount: 1,
        cause: maskPans(cause).slice(0, 500),
      },
    });
  });
  await removeSpool(importId);
}
