// Every enabled rule over the loaded facts: the candidate alerts, in rule order. Pure.
import type { AlertFacts } from "@/lib/alerts/load-facts";
import type { AlertRuleSettings } from "@/lib/alerts/rule-settings";
import { evaluateAmountOutlier } from "@/lib/alerts/rules/amount-outlier";
import { evaluateDeclineBurst } from "@/lib/alerts/rules/decline-burst";
import { evaluateReconciliation } from "@/lib/alerts/rules/reconciliation";
import { evaluateStoreSpike } from "@/lib/alerts/rules/store-spike";
import { evaluateUnsignedRate } from "@/lib/alerts/rules/unsigned-rate";
import { evaluateUnsignedStreak } from "@/lib/alerts/rules/unsigned-streak";
import type { AlertCandidate } from "@/lib/alerts/types";

export function runRules(rules: readonly AlertRuleSettings[], facts: AlertFacts, now: Date): AlertCandidate[] {
  return rules.flatMap((rule): AlertCandidate[] => {
    if (!rule.enabled) return [];
    switch (rule.type) {
      case "unsigned_streak":
        return evaluateUnsignedStreak({
          incidents: facts.incidents,
          lines: facts.lines,
          params: rule.params,
          now,
          today: facts.today,
        });
      case "decline_burst":
        return evaluateDeclineBurst({ incidents: facts.incidents, lines: facts.lines, params: rule.params });
      case "reconciliation":
        return evaluateReconciliation({ exceptions: facts.exceptions, params: rule.params, today: facts.today });
      case "amount_outlier":
        return evaluateAmountOutlier({
          recent: facts.outlierRecent,
          samples: facts.outlierSamples,
          params: rule.params,
        });
      case "store_spike":
        return evaluateStoreSpike({ stores: facts.storeWeeks, params: rule.params });
      case "unsigned_rate":
        return evaluateUnsignedRate({ operators: facts.operators, params: rule.params });
      default:
        return rule satisfies never;
    }
  });
}
