// The job of kind "reconciliation.import": a stored upload becomes visible, matched, categorised
// lines and exception groups — all at once or not at all.
//
//   queued/parsing → stage the file's lines (invisible, category "staged"); a refused file (row
//                    errors, a total line that disagrees, an unknown terminal) deletes them and
//                    fails the import: nothing else changes.
//   matching       → (under the merchant's matching lock) leave out the twins of lines another
//                    import of the kind published while this one was staging; rematch the days
//                    the lines touch and the days of the merchant's pending lines, then statement ↔ bank; write nothing visible until the one publish
//                    transaction; then finalise (events, status done, report).
//   withdrawing    → finance withdrew the done import (withdraw-import.ts): run-withdrawal.ts.
//
// Safe to run again from any point (a worker died and another took the lease): a rerun of a
// parsing import deletes its staged lines and parses again; a rerun of a matching import keeps its
// staged lines (they are complete once the status says matching) and computes the matching again
// (nothing of it was visible), or — if the publish had committed (its time is in the report) —
// only finalises.
import "server-only";
import fs from "node:fs";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ReconImport } from "@/lib/generated/prisma/client";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { deleteStagedLines, twinsAmongStaged } from "@/lib/reconciliation/import/earlier-lines";
import { deleteStaged, failImport } from "@/lib/reconciliation/import/fail-import";
import { finalizeImport } from "@/lib/reconciliation/import/finalize";
import { SOURCE_OF } from "@/lib/reconciliation/import/line-columns";
import { type LineStore, openLineStore } from "@/lib/reconciliation/import/line-store";
import {
  affectedDays,
  creditDaysToDecide,
  lockMatching,
  matchOptions,
  recordedDays,
} from "@/lib/reconciliation/import/matching-days";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { PhaseTimer } from "@/lib/reconciliation/import/phase-timer";
import { publish } from "@/lib/reconciliation/import/publish";
import { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import { rematchCredits } from "@/lib/reconciliation/import/rematch-credits";
import { rematchTransactions } from "@/lib/reconciliation/import/rematch-transactions";
import { runWithdrawal } from "@/lib/reconciliation/import/run-withdrawal";
import { stageLines } from "@/lib/reconciliation/import/stage-lines";
import { loadFormat } from "@/lib/reconciliation/imports/load-format";
import { leftOutDaysOf } from "@/lib/reconciliation/imports/withdrawal";
import { openSpool, removeSpool, spoolPathOf } from "@/lib/reconciliation/spool";
import type { ImportType } from "@/lib/reconciliation/types";

export interface ImportJobContext {
  heartbeat(): Promise<void>;
}

type Report = Record<string, unknown>;

function reportOf(row: ReconImport): Report {
  return row.report ? (JSON.parse(row.report) as Report) : {};
}

export async function runImport(importId: string, context: ImportJobContext): Promise<void> {
  let reconImport = await prisma.reconImport.findUnique({ where: { id: importId } });
  if (!reconImport || !["queued", "parsing", "matching", "withdrawing"].includes(reconImport.status)) return;
  if (reconImport.status === "withdrawing") return runWithdrawal(reconImport, context);
  const store = await openLineStore();
  try {
    const timer = new PhaseTimer();
    const phases = timer.phases;
    let report = reportOf(reconImport);
    if (reconImport.status === "queued" || reconImport.status === "parsing") {
      await deleteStaged(store, importId);
      reconImport = await prisma.reconImport.update({
        where: { id: importId },
        data: { status: "parsing", rowsRead: 0, startedAt: reconImport.startedAt ?? new Date() },
      });
      const format = reconImport.formatId
        ? await loadFormat(reconImport.merchantId, reconImport.formatId, reconImport.type as ImportType)
        : null;
      if (!fs.existsSync(spoolPathOf(importId))) {
        // The upload is gone (a volume not shared between instances, or removed by hand): say so
        // instead of failing the job until its attempts run out with the import stuck in parsing.
        const gone = {
          line: 1,
          column: null,
          reason: "file_unreadable",
          message: "The uploaded file is no longer stored.",
        };
        await failImport(store, reconImport, { rowsRead: 0, errors: [gone], errorCount: 1 });
        return;
      }
      const staged = await stageLines({
        store,
        source: openSpool(importId),
        reconImport,
        format,
        heartbeat: context.heartbeat,
      });
      if (staged.errorCount > 0) {
        await failImport(store, reconImport, staged);
        return;
      }
      timer.lap("parse");
      // The days to match travel in the report, so a rerun after a crash knows them too.
      report = {
        ...report,
        rows: staged.rowsRead,
        pansMasked: staged.pansMasked,
        alreadyImported: staged.alreadyImported,
        alreadyImportedDays: staged.alreadyImportedDays,
        skippedRows: staged.skippedRows,
        days: staged.days,
        creditDates: staged.creditDates,
        settleTotals: staged.settleTotals,
        phases,
      };
      // Under the merchant's lock, as pairing by hand checks for a matching import: a pairing either
      // committed before (the matching reads it) or is refused (assertNoImportMatching).
      const stagedReport = report;
      const { merchantId } = reconImport;
      reconImport = await prisma.$transaction(async (tx) => {
        await lockMerchant(tx, merchantId);
        return tx.reconImport.update({
          where: { id: importId },
          data: { status: "matching", report: JSON.stringify(stagedReport) },
        });
      });
    }

    // Under the merchant's matching lock, read the import again: a worker that took this job over
    // while the first one was still publishing (a lease that ran out) finds it published or done.
    await lockMatching(store, reconImport.merchantId, context);
    timer.lap("wait");
    reconImport = await prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
    if (reconImport.status !== "matching") return;
    report = reportOf(reconImport);
    let publishedAt = typeof report.publishedAt === "string" ? new Date(report.publishedAt) : null;
    let matching: Report = {};
    if (!publishedAt) {
      await store.refreshStatistics();
      report = await leaveOutTwinsPublishedMeanwhile(store, reconImport, report);
      const plan = new PublishPlan();
      const today = merchantToday(env.MERCHANT_TIME_ZONE);
      const recorded = await recordedDays(store, importId, report);
      const days = await affectedDays(store, reconImport.merchantId, recorded.days, today);
      const transactions = await rematchTransactions({
        store,
        merchantId: reconImport.merchantId,
        importId,
        days,
        options: matchOptions(today),
        plan,
        heartbeat: context.heartbeat,
      });
      const credits = await rematchCredits({
        store,
        merchantId: reconImport.merchantId,
        importId,
        creditDates: await creditDaysToDecide(store, reconImport.merchantId, recorded.creditDates, today),
        ownTotals: recorded.settleTotals,
        creditWindowDays: env.RECON_CREDIT_WINDOW_DAYS,
        today,
        plan,
      });
      timer.lap("match");
      await context.heartbeat();
      publishedAt = new Date();
      await publish({
        store,
        merchantId: reconImport.merchantId,
        importId,
        plan,
        at: publishedAt,
        report: { ...report, publishedAt: publishedAt.toISOString() },
      });
      matching = {
        daysMatched: transactions.days,
        linesMatched: transactions.lines,
        visibleLinesChanged: transactions.changed,
        settleDates: credits.settleDates,
        exceptionsProduced: plan.exceptions.length,
      };
      timer.lap("publish");
    }

    const counts = Object.fromEntries(
      (
        await store.all<{ category: string; lines: number | string }>(
          `SELECT "category", COUNT(*) AS "lines" FROM "ReconLine" WHERE "importId" = ? GROUP BY "category"`,
          [importId],
        )
      ).map((row) => [row.category, Number(row.lines)]),
    );
    const resolved = await prisma.reconException.count({
      where: { merchantId: reconImport.merchantId, status: "resolved", resolvedAt: publishedAt },
    });
    const opened = await prisma.reconException.count({
      where: { merchantId: reconImport.merchantId, status: "open", createdAt: publishedAt },
    });
    timer.lap("count");
    // The day lists were for a rerun; the finished report keeps what a person reads.
    const {
      days: _days,
      creditDates: _creditDates,
      settleTotals: _settleTotals,
      incidentMoves: _incidentMoves,
      ...kept
    } = report;
    await finalizeImport({
      reconImport,
      publishedAt,
      report: {
        ...kept,
        ...matching,
        rows: Number(report.rows ?? reconImport.rowsRead),
        counts,
        exceptionsOpened: opened,
        exceptionsResolved: resolved,
        phases: { ...(report.phases as Report | undefined), ...phases },
        publishedAt: publishedAt.toISOString(),
      },
    });
    // Issue 10: the alert rules look at what the import changed (a rerun queues at most one more).
    const { merchantId } = reconImport;
    await prisma.$transaction((tx) => queueAlertEvaluation(tx, { merchantId, lines: true }));
    await removeSpool(importId);
  } finally {
    await store.close();
  }
}

/**
 * Another import of the same kind published while this one was staging (two overlapping files
 * side by side): staging could not see its lines, so the twins are looked for again now that they
 * are visible (earlier-lines.ts). The deleted twins and the report without its day lists commit
 * together, so the matching (and a rerun) reads the days from the lines left.
 */
async function leaveOutTwinsPublishedMeanwhile(store: LineStore, reconImport: ReconImport, report: Report) {
  const { id: importId, merchantId, type } = reconImport;
  const meanwhile = await prisma.reconImport.count({
    where: {
      merchantId,
      type,
      id: { not: importId },
      OR: [
        { status: "done", finishedAt: { gte: reconImport.startedAt ?? reconImport.createdAt } },
        { status: "matching" },
      ],
    },
  });
  if (meanwhile === 0) return report;
  const recorded = await recordedDays(store, importId, report);
  const { ids, days } = await twinsAmongStaged(
    store,
    { merchantId, importId, source: SOURCE_OF[type as ImportType] },
    type === "bank_credit" ? recorded.creditDates : recorded.days,
  );
  if (ids.length === 0) return report;
  const { days: _days, creditDates: _creditDates, settleTotals: _settleTotals, ...kept } = report;
  const before = leftOutDaysOf(report);
  const next = {
    ...kept,
    alreadyImported: Number(report.alreadyImported ?? 0) + ids.length,
    ...(before && { alreadyImportedDays: [...new Set([...before, ...days])].sort() }),
  };
  await store.transaction(async () => {
    await deleteStagedLines(store, importId, ids);
    await store.run(`UPDATE "ReconImport" SET "report" = ? WHERE "id" = ?`, [JSON.stringify(next), importId]);
  });
  return next;
}
