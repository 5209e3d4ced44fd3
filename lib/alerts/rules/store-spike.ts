// Rule (e): a store's incident count this week well above its baseline. Precisely: the store's real
// incidents that occurred in the last 7 days (this "week" ends now) number at least minCount
// (default 5) AND at least factor (default 2) × the median of its counts in each of the W (default
// 8) 7-day periods before it. The median, not the mean, so one bad week in the baseline does not
// hide the next. One alert per store while open. Pure.
import { median } from "@/lib/alerts/robust-z";
import type { RuleParams } from "@/lib/alerts/rule-settings";
import { type AlertCandidate, type EvidenceIncident, MAX_EVIDENCE_ITEMS } from "@/lib/alerts/types";

export interface StoreWeeks {
  storeId: string;
  storeName: string;
  /** Incidents of the last 7 days. */
  thisWeek: number;
  /** Counts of the W weeks before, newest first (missing weeks are 0). */
  baseline: readonly number[];
  /** This week's incidents, newest first (evidence). */
  incidents: readonly EvidenceIncident[];
}

export function evaluateStoreSpike({
  stores,
  params,
}: {
  stores: readonly StoreWeeks[];
  params: RuleParams<"store_spike">;
}): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const store of [...stores].sort((a, b) => (a.storeId < b.storeId ? -1 : 1))) {
    const weeks = Array.from({ length: params.weeks }, (_, index) => store.baseline[index] ?? 0);
    const usual = median(weeks);
    if (store.thisWeek < params.minCount || store.thisWeek < params.factor * usual) continue;
    candidates.push({
      ruleType: "store_spike",
      conditionKey: `store_spike:store:${store.storeId}`,
      storeId: store.storeId,
      subject: { type: "store", id: store.storeId, label: store.storeName },
      cashierId: null,
      evidence: {
        incidents: store.incidents.slice(0, MAX_EVIDENCE_ITEMS),
        lines: [],
        figures: { count: store.thisWeek, weeklyMedian: usual, weeks: params.weeks, factor: params.factor },
      },
    });
  }
  return candidates;
}
