// Statement ↔ bank: the acquirer pays each settle date's net total (per acquirer merchant id) in
// one bank credit a few days later. Exact amounts are matched first over all totals, then the
// totals left take the nearest smaller credit in their window (credit_short by the difference).
// Pure and deterministic: totals are taken by settle date then merchant id, credits by date then id.
import type { BankLineCategory, LocalDate, SettlementCategory } from "@/lib/reconciliation/types";
import { addDays } from "./local-time";

export interface SettlementTotal {
  acquirerMid: string;
  settleDate: LocalDate;
  netMinor: number;
}

export interface CreditLine {
  id: number;
  date: LocalDate;
  amountMinor: number;
}

export interface CreditMatchOptions {
  /** A settle date's credit is dated within [settleDate, settleDate + creditWindowDays] (3). */
  creditWindowDays: number;
  today: LocalDate;
}

export interface SettlementOutcome {
  acquirerMid: string;
  settleDate: LocalDate;
  expectedMinor: number;
  category: SettlementCategory;
  creditLineId: number | null;
  /** credit_short: expected − credited; credit_missing: the whole expected total; else 0. */
  shortByMinor: number;
}

export interface CreditOutcome {
  id: number;
  category: BankLineCategory;
  /** The settle date (and merchant id) the credit paid; null when it explains none. */
  settleDate: LocalDate | null;
  acquirerMid: string | null;
}

export const DEFAULT_CREDIT_WINDOW_DAYS = 3;

export function matchCredits(
  totalsInput: readonly SettlementTotal[],
  creditsInput: readonly CreditLine[],
  options: CreditMatchOptions,
): { settlements: SettlementOutcome[]; credits: CreditOutcome[] } {
  const totals = [...totalsInput].sort(
    (a, b) => compare(a.settleDate, b.settleDate) || compare(a.acquirerMid, b.acquirerMid),
  );
  const credits = [...creditsInput].sort((a, b) => compare(a.date, b.date) || a.id - b.id);
  const paidBy = new Array<number>(totals.length).fill(-1);
  const pays = new Array<number>(credits.length).fill(-1);
  const windowEnd = totals.map((total) => addDays(total.settleDate, options.creditWindowDays));
  const inWindow = (total: number, credit: number) =>
    credits[credit].date >= totals[total].settleDate && credits[credit].date <= windowEnd[total];

  // Exact amounts first, for every total, so that a short credit never takes the credit that pays
  // another date in full. Credits of one amount are few, so a scan of them per total is cheap.
  const byAmount = new Map<number, number[]>();
  credits.forEach((credit, index) => {
    const list = byAmount.get(credit.amountMinor);
    if (list === undefined) byAmount.set(credit.amountMinor, [index]);
    else list.push(index);
  });
  totals.forEach((total, index) => {
    if (total.netMinor <= 0) return;
    // The list is in (date, id) order: the first free one in the window is the earliest.
    const credit = byAmount
      .get(total.netMinor)
      ?.find((candidate) => pays[candidate] === -1 && inWindow(index, candidate));
    if (credit === undefined) return;
    paidBy[index] = credit;
    pays[credit] = index;
  });

  // Then shorts: the free credit in the window nearest below the expected total (the smallest
  // shortfall), earliest date then lowest id on a tie. Totals × credits, but both are a few weeks'
  // worth (settle dates per merchant id, the account's credit lines), not transaction lines.
  totals.forEach((total, index) => {
    if (total.netMinor <= 0 || paidBy[index] !== -1) return;
    let best = -1;
    for (let credit = 0; credit < credits.length; credit++) {
      if (pays[credit] !== -1 || !inWindow(index, credit)) continue;
      const amount = credits[credit].amountMinor;
      if (amount <= 0 || amount >= total.netMinor) continue;
      if (best === -1 || amount > credits[best].amountMinor) best = credit;
    }
    if (best === -1) return;
    paidBy[index] = best;
    pays[best] = index;
  });

  const settlements = totals.map((total, index): SettlementOutcome => {
    const credit = paidBy[index];
    const base = { acquirerMid: total.acquirerMid, settleDate: total.settleDate, expectedMinor: total.netMinor };
    if (credit !== -1) {
      const shortBy = total.netMinor - credits[credit].amountMinor;
      return {
        ...base,
        category: shortBy === 0 ? "credited" : "credit_short",
        creditLineId: credits[credit].id,
        shortByMinor: shortBy,
      };
    }
    // Nothing to pay (refunds ate the day's sales): nothing is owed, so nothing is missing.
    if (total.netMinor <= 0) return { ...base, category: "credited", creditLineId: null, shortByMinor: 0 };
    // A credit dated on the window's last day may still be imported that day: missing only after it.
    if (options.today > windowEnd[index]) {
      return { ...base, category: "credit_missing", creditLineId: null, shortByMinor: total.netMinor };
    }
    return { ...base, category: "awaiting_credit", creditLineId: null, shortByMinor: 0 };
  });

  const outcomes = credits.map((credit, index): CreditOutcome => {
    const total = pays[index];
    return total === -1
      ? { id: credit.id, category: "credit_unexplained", settleDate: null, acquirerMid: null }
      : {
          id: credit.id,
          category: "matched",
          settleDate: totals[total].settleDate,
          acquirerMid: totals[total].acquirerMid,
        };
  });
  outcomes.sort((a, b) => a.id - b.id);
  return { settlements, credits: outcomes };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
