// What an import's (or a withdrawal's) matching covers, and the lock it holds while it matches:
// shared by the import job (run-import.ts) and the withdrawal (run-withdrawal.ts).
import "server-only";
import { env } from "@/lib/env";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import type { SettleTotal } from "@/lib/reconciliation/import/stage-lines";
import { addDays } from "@/lib/reconciliation/match/local-time";
import type { MatchOptions } from "@/lib/reconciliation/match/match-transactions";
import type { LocalDate } from "@/lib/reconciliation/types";

/** The matching rules' settings (the merchant's configuration) as of `today`. */
export function matchOptions(today: LocalDate): MatchOptions {
  return {
    windowMinutes: env.RECON_WINDOW_MINUTES,
    duplicateWindowSeconds: env.RECON_DUPLICATE_WINDOW_SECONDS,
    settleLagDays: env.RECON_SETTLE_LAG_DAYS,
    today,
  };
}

export interface MatchingContext {
  heartbeat(): Promise<void>;
}

/** Waits (keeping the job's lease) until no other import of the merchant is matching. */
export async function lockMatching(store: LineStore, merchantId: string, context: MatchingContext): Promise<void> {
  while (!(await store.tryLockMatching(merchantId))) {
    await context.heartbeat();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The days staging recorded in the report; read from the lines if it has none. */
export async function recordedDays(
  store: LineStore,
  importId: string,
  report: Record<string, unknown>,
): Promise<{ days: LocalDate[]; creditDates: LocalDate[]; settleTotals: SettleTotal[] }> {
  if (Array.isArray(report.days) && Array.isArray(report.creditDates) && Array.isArray(report.settleTotals)) {
    return {
      days: report.days as LocalDate[],
      creditDates: report.creditDates as LocalDate[],
      settleTotals: report.settleTotals as SettleTotal[],
    };
  }
  const settleTotals = await store.all<SettleTotal>(
    `SELECT COALESCE("acquirerMid", '') AS "acquirerMid", "settleDate", SUM("netMinor") AS "netMinor" FROM "ReconLine"
     WHERE "importId" = ? AND "source" = 'statement' GROUP BY "acquirerMid", "settleDate"`,
    [importId],
  );
  const rows = await store.all<{ source: string; day: LocalDate; settleDate: LocalDate | null }>(
    `SELECT DISTINCT "source", "day", "settleDate" FROM "ReconLine" WHERE "importId" = ?`,
    [importId],
  );
  return {
    days: [...new Set(rows.filter((row) => row.source !== "bank").map((row) => row.day))].sort(),
    creditDates: [
      ...new Set(rows.map((row) => (row.source === "bank" ? row.day : row.settleDate)).filter((day) => day !== null)),
    ].sort(),
    settleTotals: settleTotals.map((total) => ({ ...total, netMinor: Number(total.netMinor) })),
  };
}

/**
 * How far back the merchant's pending lines are looked for. A line is pending only until its
 * settle date has passed, and every import rematches the pending days, so older pending lines
 * exist only when no file came for this long; bounding the walk keeps it off years of lines.
 */
const PENDING_LOOKBACK_DAYS = 62;

/**
 * Every day this import's lines touch and the days either side of them (a day's matching decides
 * across its midnights with the neighbour's lines near them: a new line just after midnight may
 * pair with, tie with or duplicate one of the day before, which must then be matched again too),
 * and the days of the merchant's pending POS lines.
 */
export async function affectedDays(
  store: LineStore,
  merchantId: string,
  ours: readonly LocalDate[],
  today: LocalDate,
): Promise<LocalDate[]> {
  // A late statement closes what it explains; a pending line may also have become overdue.
  const pending = await store.all<{ day: LocalDate }>(
    `SELECT DISTINCT "day" FROM "ReconLine"
     WHERE "merchantId" = ? AND "source" = 'pos' AND "day" >= ? AND "category" = 'pending'`,
    [merchantId, addDays(today, -PENDING_LOOKBACK_DAYS)],
  );
  const neighbours = ours.flatMap((day) => [addDays(day, -1), addDays(day, 1)]);
  return [...new Set([...ours, ...neighbours, ...pending.map((row) => row.day)])].sort();
}

/**
 * The settle dates (statement) or credit days (bank) whose credits this import decides again: its
 * own, and every settle date still awaiting its credit. Such a date turns credit_missing only once
 * its window has passed, and whichever file comes after that must say so — one far from it too.
 */
export async function creditDaysToDecide(
  store: LineStore,
  merchantId: string,
  ours: readonly LocalDate[],
  today: LocalDate,
): Promise<LocalDate[]> {
  const awaiting = await store.all<{ settleDate: LocalDate }>(
    `SELECT "settleDate" FROM "ReconSettlement"
     WHERE "merchantId" = ? AND "category" = 'awaiting_credit' AND "settleDate" >= ?`,
    [merchantId, addDays(today, -PENDING_LOOKBACK_DAYS)],
  );
  return [...new Set([...ours, ...awaiting.map((row) => row.settleDate)])].sort();
}
