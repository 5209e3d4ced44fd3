// The import job of an import finance withdrew (withdraw-import.ts set it "withdrawing"): the
// reconciliation as if the file had never come. Under the merchant's matching lock, the days its
// lines touch (and their neighbours, and the pending days) are matched again without them, the
// settle dates and credits it touched likewise; one publish deletes its lines and makes the rest
// visible at once (publish.ts, withdraw); then the import is marked withdrawn with its audit event.
// Safe to run again like an import: a rerun before the publish computes it all again (nothing was
// visible), after it (its time is in the report) only finishes.
import "server-only";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { appendEvents } from "@/lib/audit/append-event";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ReconImport } from "@/lib/generated/prisma/client";
import { incidentEvents, linkFollowed } from "@/lib/reconciliation/import/incident-events";
import { openLineStore } from "@/lib/reconciliation/import/line-store";
import {
  affectedDays,
  creditDaysToDecide,
  lockMatching,
  type MatchingContext,
  matchOptions,
  recordedDays,
} from "@/lib/reconciliation/import/matching-days";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { PhaseTimer } from "@/lib/reconciliation/import/phase-timer";
import { publish } from "@/lib/reconciliation/import/publish";
import { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import { rematchCredits } from "@/lib/reconciliation/import/rematch-credits";
import { rematchTransactions } from "@/lib/reconciliation/import/rematch-transactions";
import { publishedAtOf, type Withdrawal, withdrawalOf } from "@/lib/reconciliation/imports/withdrawal";
import type { ImportType } from "@/lib/reconciliation/types";

export async function runWithdrawal(reconImport: ReconImport, context: MatchingContext): Promise<void> {
  const { id: importId, merchantId } = reconImport;
  const store = await openLineStore();
  try {
    await lockMatching(store, merchantId, context);
    const current = await prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
    if (current.status !== "withdrawing") return;
    const report = current.report ? (JSON.parse(current.report) as Record<string, unknown>) : {};
    let withdrawal = withdrawalOf(report);
    if (!withdrawal) throw new Error(`Import ${importId} is withdrawing with no withdrawal in its report`);

    if (!withdrawal.publishedAt) {
      const timer = new PhaseTimer();
      const counts = Object.fromEntries(
        (
          await store.all<{ category: string; lines: number | string }>(
            `SELECT "category", COUNT(*) AS "lines" FROM "ReconLine" WHERE "importId" = ? GROUP BY "category"`,
            [importId],
          )
        ).map((row) => [row.category, Number(row.lines)]),
      );
      const plan = new PublishPlan();
      const today = merchantToday(env.MERCHANT_TIME_ZONE);
      // From the lines themselves: the import's report no longer holds its day lists.
      const recorded = await recordedDays(store, importId, {});
      const days = await affectedDays(store, merchantId, recorded.days, today);
      // The dashboard's sums of the days its POS lines leave.
      if (reconImport.type === "pos_journal") for (const day of recorded.days) plan.tallyDays.add(day);
      await rematchTransactions({
        store,
        merchantId,
        importId,
        lines: "without",
        days,
        options: matchOptions(today),
        plan,
        heartbeat: context.heartbeat,
      });
      await rematchCredits({
        store,
        merchantId,
        importId,
        lines: "without",
        creditDates: await creditDaysToDecide(store, merchantId, recorded.creditDates, today),
        ownTotals: recorded.settleTotals,
        creditWindowDays: env.RECON_CREDIT_WINDOW_DAYS,
        today,
        plan,
      });
      await context.heartbeat();
      timer.lap("match");
      const publishedAt = new Date();
      withdrawal = {
        ...withdrawal,
        publishedAt: publishedAt.toISOString(),
        linesRemoved: Object.values(counts).reduce((sum, lines) => sum + lines, 0),
        counts,
      };
      const incidentMoves = await publish({
        store,
        merchantId,
        importId,
        plan,
        at: publishedAt,
        report: { ...report, withdrawal },
        withdraw: { since: publishedAtOf(current) },
      });
      timer.lap("publish");
      withdrawal = { ...withdrawal, phases: timer.phases };
      await prisma.reconImport.update({
        where: { id: importId },
        data: { report: JSON.stringify({ ...report, incidentMoves, withdrawal }) },
      });
    }

    await finishWithdrawal(reconImport, withdrawal);
  } finally {
    await store.close();
  }
}

/**
 * After the publish: the import marked withdrawn with its audit event (also by abandon-import.ts,
 * when only this step failed on every attempt). Only the first to finish writes the event (two
 * workers after a lease ran out).
 */
export async function finishWithdrawal(reconImport: ReconImport, withdrawal: Withdrawal): Promise<void> {
  const { id: importId, merchantId } = reconImport;
  // The cases whose exceptions the withdrawal opened again or moved lines of are told so.
  const { events, followed } = withdrawal.publishedAt
    ? await incidentEvents(merchantId, importId, new Date(withdrawal.publishedAt))
    : { events: [], followed: [] };
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.reconImport.updateMany({
      where: { id: importId, status: "withdrawing" },
      data: { status: "withdrawn" },
    });
    if (claimed.count !== 1) return;
    await linkFollowed(tx, merchantId, followed);
    await appendEvents(tx, merchantId, [
      ...events,
      {
        type: "reconciliation.import_withdrawn",
        actorId: withdrawal.requestedBy,
        after: {
          importId,
          type: reconImport.type as ImportType,
          fileName: reconImport.fileName,
          rows: withdrawal.linesRemoved ?? 0,
          counts: withdrawal.counts ?? {},
        },
      },
    ]);
    // Issue 10: the alert rules look at what the withdrawal changed.
    await queueAlertEvaluation(tx, { merchantId, lines: true });
  });
}
