// Rule (d): an incident amount far above its store's usual — the robust z-score of the amount
// against the store's real incidents of the last D days (default 90) is above the threshold
// (default 4), with at least minSamples amounts to judge by. Only amounts above the median count
// (a small amount is no risk). One alert per incident. Pure.

import { type RobustScale, robustScale, robustZOf } from "@/lib/alerts/robust-z";
import type { RuleParams } from "@/lib/alerts/rule-settings";
import { type AlertCandidate, evidenceIncident, type IncidentFact } from "@/lib/alerts/types";

export function evaluateAmountOutlier({
  recent,
  samples,
  params,
}: {
  /** The incidents to judge (recently logged ones, with an amount). */
  recent: readonly IncidentFact[];
  /** Per store: the amounts of its incidents of the last D days (the judged ones among them). */
  samples: ReadonlyMap<string, readonly number[]>;
  params: RuleParams<"amount_outlier">;
}): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  // Each store's median and deviation once, not once per incident judged against them.
  const scales = new Map<string, RobustScale>();
  for (const incident of [...recent].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (incident.amountMinor === null) continue;
    const sample = samples.get(incident.storeId) ?? [];
    if (sample.length < params.minSamples) continue;
    let scale = scales.get(incident.storeId);
    if (!scale) {
      scale = robustScale(sample);
      scales.set(incident.storeId, scale);
    }
    const { z, median, mad } = robustZOf(incident.amountMinor, scale);
    if (!(z > params.threshold)) continue;
    candidates.push({
      ruleType: "amount_outlier",
      conditionKey: `amount_outlier:incident:${incident.id}`,
      storeId: incident.storeId,
      subject: { type: "incident", id: incident.id, label: incident.reference },
      cashierId: incident.reportedById,
      evidence: {
        incidents: [evidenceIncident(incident)],
        lines: [],
        figures: {
          amountMinor: incident.amountMinor,
          medianMinor: median,
          madMinor: mad,
          // JSON has no Infinity: a constant sample's "infinitely unusual" is written as 999.
          z: Number.isFinite(z) ? Math.round(z * 100) / 100 : 999,
          threshold: params.threshold,
          samples: sample.length,
        },
      },
    });
  }
  return candidates;
}
