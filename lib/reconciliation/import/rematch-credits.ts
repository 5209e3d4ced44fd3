// Statement ↔ bank for the settle dates an import touched: each settle date's net total (per
// acquirer merchant id) — the total stored on its ReconSettlement plus this import's statement
// lines (minus them when the import is withdrawn: lines are never changed, so that is the sum of
// all of them, without reading a million lines again) — is matched against the bank credits in range (matchCredits).
// Settlements, bank lines' categories and credit exceptions go into the PublishPlan with
// everything else.
//
// What is decided again, and what is only read: with w = the credit window and [f, l] the import's
// settle dates (statement) or credit days (bank), a changed total or a new credit can change the
// credits of [f, l + w] and through them the settle dates of [f − w, l + w] — so the settle dates
// and credits dated in W = [f − w, l + w] are written. Their competitors are read but not written:
// the settle dates of [f − 2w, l + 2w] (every date a credit of W, or a credit one of W's dates may
// take, could pay) and the credits of [f − 2w, l + 3w]. A neighbour read is never written, so a
// credit it took stays its own, and a date outside W keeps its settlement and exceptions.
import "server-only";
import { settleDateCaseKey, unexplainedCreditKey } from "@/lib/reconciliation/credit-case-key";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import type { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import type { ImportLines } from "@/lib/reconciliation/import/rematch-transactions";
import type { SettleTotal } from "@/lib/reconciliation/import/stage-lines";
import { addDays } from "@/lib/reconciliation/match/local-time";
import { matchCredits } from "@/lib/reconciliation/match/match-credits";
import type { LocalDate } from "@/lib/reconciliation/types";

const BANK_FILTERS = {
  with: `("category" <> 'staged' OR "importId" = ?)`,
  without: `"category" <> 'staged' AND "importId" <> ?`,
} as const satisfies Record<ImportLines, string>;

interface TotalRow {
  acquirerMid: string | null;
  settleDate: LocalDate;
  netMinor: number | string;
}

interface BankRow {
  id: number;
  day: LocalDate;
  amountMinor: number;
  category: string;
  exceptionId: string | null;
}

export async function rematchCredits({
  store,
  merchantId,
  importId,
  lines = "with",
  creditDates,
  ownTotals,
  creditWindowDays,
  today,
  plan,
}: {
  store: LineStore;
  merchantId: string;
  importId: string;
  /** "without": the import is being withdrawn — its bank lines left out, its totals taken away. */
  lines?: ImportLines;
  /** Settle dates of the import's statement lines, or the days of its bank lines. */
  creditDates: readonly LocalDate[];
  /** The import's own statement lines' net totals (none for a bank file). */
  ownTotals: readonly SettleTotal[];
  creditWindowDays: number;
  today: LocalDate;
  plan: PublishPlan;
}): Promise<{ settleDates: number; credits: number }> {
  if (creditDates.length === 0) return { settleDates: 0, credits: 0 };
  const days = [...creditDates].sort();
  const first = days[0];
  const last = days[days.length - 1];
  const w = creditWindowDays;
  // A settle date's credit may come w days later; a credit may pay a date w days earlier.
  const writeFrom = addDays(first, -w);
  const writeTo = addDays(last, w);
  const written = (day: LocalDate) => day >= writeFrom && day <= writeTo;
  const settleFrom = addDays(first, -2 * w);
  const settleTo = addDays(last, 2 * w);
  const bankFrom = settleFrom;
  const bankTo = addDays(last, 3 * w);

  const stored = await store.all<TotalRow>(
    `SELECT "acquirerMid", "settleDate", "expectedMinor" AS "netMinor" FROM "ReconSettlement"
     WHERE "merchantId" = ? AND "settleDate" BETWEEN ? AND ?`,
    [merchantId, settleFrom, settleTo],
  );
  const totalOf = new Map<string, SettleTotal>();
  const sign = lines === "with" ? 1 : -1;
  const add = (row: TotalRow, by: number) => {
    const acquirerMid = row.acquirerMid ?? "";
    const key = `${row.settleDate}|${acquirerMid}`;
    const total = totalOf.get(key);
    if (total) total.netMinor += by * Number(row.netMinor);
    else totalOf.set(key, { acquirerMid, settleDate: row.settleDate, netMinor: by * Number(row.netMinor) });
  };
  for (const row of stored) add(row, 1);
  for (const row of ownTotals) add(row, sign);
  // A withdrawn statement may leave a settle date with no line at all: it has no total to be paid
  // any more (its settlement goes; a credit that paid it explains nothing now). A date whose lines
  // left cancel out (sales and refunds alike) still has its total of 0.
  if (lines === "without") {
    for (const [key, total] of totalOf) {
      if (total.netMinor !== 0 || !written(total.settleDate)) continue;
      const left = await store.all<{ id: number }>(
        `SELECT "id" FROM "ReconLine" WHERE "merchantId" = ? AND "source" = 'statement' AND "settleDate" = ?
           AND COALESCE("acquirerMid", '') = ? AND "category" <> 'staged' AND "importId" <> ? LIMIT 1`,
        [merchantId, total.settleDate, total.acquirerMid, importId],
      );
      if (left.length > 0) continue;
      totalOf.delete(key);
      plan.settlementsGone.push({ acquirerMid: total.acquirerMid, settleDate: total.settleDate });
    }
  }
  const totals = [...totalOf.values()];
  // BIGINT comes back from node-postgres as text: amounts are numbers from here on.
  const bankRows = await store.all<Omit<BankRow, "amountMinor"> & { amountMinor: number | string | bigint }>(
    `SELECT "id", "day", "amountMinor", "category", "exceptionId" FROM "ReconLine"
     WHERE "merchantId" = ? AND "source" = 'bank' AND "day" BETWEEN ? AND ? AND "manual" = false AND ${BANK_FILTERS[lines]}
     ORDER BY "id"`,
    [merchantId, bankFrom, bankTo, importId],
  );
  const bank: BankRow[] = bankRows.map((row) => ({ ...row, amountMinor: Number(row.amountMinor) }));

  const result = matchCredits(
    totals,
    bank.map((row) => ({ id: row.id, date: row.day, amountMinor: row.amountMinor })),
    { creditWindowDays, today },
  );

  for (let date = writeFrom; date <= writeTo; date = addDays(date, 1)) plan.creditDays.add(date);
  const bankById = new Map(bank.map((row) => [row.id, row]));
  for (const credit of result.credits) {
    const line = bankById.get(credit.id);
    if (!line || !written(line.day)) continue;
    if (line.category === "staged") plan.setStagedCategory(line.id, credit.category);
    else if (line.category !== credit.category) plan.visibleChanges.push(line.id, credit.category, null, null);
    if (credit.category === "credit_unexplained") {
      plan.addException({
        key: unexplainedCreditKey(line.id),
        category: "credit_unexplained",
        storeId: null,
        tid: null,
        batchNo: null,
        day: line.day,
        amountMinor: line.amountMinor,
        lineIds: [line.id],
      });
    }
  }
  for (const settlement of result.settlements) {
    if (!written(settlement.settleDate)) continue;
    plan.settlements.push({
      acquirerMid: settlement.acquirerMid,
      settleDate: settlement.settleDate,
      expectedMinor: settlement.expectedMinor,
      category: settlement.category,
      creditLineId: settlement.creditLineId,
      shortByMinor: settlement.shortByMinor,
    });
    if (settlement.category === "credit_short" || settlement.category === "credit_missing") {
      const short = settlement.category === "credit_short";
      plan.addException({
        key: settleDateCaseKey(settlement.category, settlement.acquirerMid, settlement.settleDate),
        category: settlement.category,
        storeId: null,
        tid: null,
        batchNo: null,
        day: settlement.settleDate,
        amountMinor: short ? settlement.shortByMinor : settlement.expectedMinor,
        lineIds: short && settlement.creditLineId !== null ? [settlement.creditLineId] : [],
      });
    }
  }
  return {
    settleDates: totals.filter((total) => written(total.settleDate)).length,
    credits: bank.filter((row) => written(row.day)).length,
  };
}
