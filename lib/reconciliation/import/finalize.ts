// The import's last step, through the app's client in one transaction: the audit events on the
// incidents linked to the exceptions its publish changed (incident-events.ts: the lines that now
// explain one; the exception a case now follows, its lines moved or opened again; the case a
// settle date's credit case became, linked to it here), the import's own completion event — all
// through ONE claim of the merchant's chain (appendEvents) — and the import marked done with its
// report. Runs again harmlessly after a crash: the publish time recorded on the import finds the
// same resolved exceptions, and its report the same moves.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import { prisma } from "@/lib/db/client";
import type { ReconImport } from "@/lib/generated/prisma/client";
import { incidentEvents, linkFollowed } from "@/lib/reconciliation/import/incident-events";
import type { ImportType } from "@/lib/reconciliation/types";

export async function finalizeImport({
  reconImport,
  publishedAt,
  report,
}: {
  reconImport: ReconImport;
  publishedAt: Date;
  report: Record<string, unknown> & { rows: number; counts: Record<string, number> };
}): Promise<void> {
  const { id: importId, merchantId } = reconImport;
  const { events, followed } = await incidentEvents(merchantId, importId, publishedAt);
  await prisma.$transaction(async (tx) => {
    // Only the first finaliser of an import writes its events (two workers after a lease ran out).
    const claimed = await tx.reconImport.updateMany({
      where: { id: importId, status: "matching" },
      data: { status: "done", report: JSON.stringify(report), finishedAt: new Date() },
    });
    if (claimed.count !== 1) return;
    await linkFollowed(tx, merchantId, followed);
    await appendEvents(tx, merchantId, [
      ...events,
      {
        type: "reconciliation.import_completed",
        actorId: reconImport.createdById,
        after: {
          importId,
          type: reconImport.type as ImportType,
          fileName: reconImport.fileName,
          rows: report.rows,
          counts: report.counts,
        },
      },
    ]);
  });
}
