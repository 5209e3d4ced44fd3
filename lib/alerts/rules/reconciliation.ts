// Rule (c): money the reconciliation says is wrong — any duplicate or pos_only line past its
// settle date, any short or missing bank credit — one alert per open reconciliation exception (its
// key is stable across re-matching, so a later file does not raise it again). A pos_only line is
// past its settle date by definition (before, it is pending); a duplicate is once its day's settle
// date (the day after, lib/reconciliation/match/lines.ts settleLagDays) is over. Pure.
import type { RuleParams } from "@/lib/alerts/rule-settings";
import { type AlertCandidate, type EvidenceLine, MAX_EVIDENCE_ITEMS } from "@/lib/alerts/types";
import { addDays } from "@/lib/reconciliation/match/local-time";

/** The POS line of day D settles on D + 1 (the matcher's default settle lag). */
const SETTLE_LAG_DAYS = 1;

export interface ExceptionFact {
  id: string;
  key: string;
  category: string;
  storeId: string | null;
  tid: string | null;
  /** The line's day, or the settle date of a credit. */
  day: string;
  amountMinor: string;
  currency: string;
  status: string;
  lines: EvidenceLine[];
}

export function evaluateReconciliation({
  exceptions,
  params,
  today,
}: {
  exceptions: readonly ExceptionFact[];
  params: RuleParams<"reconciliation">;
  today: string;
}): AlertCandidate[] {
  const wanted = new Set<string>(params.categories);
  const candidates: AlertCandidate[] = [];
  for (const exception of [...exceptions].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (exception.status !== "open" || !wanted.has(exception.category)) continue;
    if (exception.category === "duplicate" && !(addDays(exception.day, SETTLE_LAG_DAYS) < today)) continue;
    candidates.push({
      ruleType: "reconciliation",
      conditionKey: `reconciliation:${exception.key}`,
      storeId: exception.storeId,
      subject: { type: "exception", id: exception.id, label: exception.tid ?? exception.day },
      cashierId: null,
      evidence: {
        incidents: [],
        lines: exception.lines.slice(0, MAX_EVIDENCE_ITEMS),
        exception: {
          id: exception.id,
          key: exception.key,
          category: exception.category,
          day: exception.day,
          amountMinor: exception.amountMinor,
          currency: exception.currency,
        },
        figures: { lineCount: exception.lines.length },
      },
    });
  }
  return candidates;
}
