// Rule (f): a POS operator whose unsigned slips per 1,000 sales over the last D days (default 30)
// are above the threshold (default 20), once they have made at least minSales sales (default 200,
// so three slips in a new hire's first day do not count as a rate). Both counts come from the POS
// journal: approved sales, and those categorised unsigned. An operator code is a store's own (the
// same code in two stores is two people), so each store's operator is judged alone. Pure.
import { perThousand } from "@/lib/alerts/rates";
import type { RuleParams } from "@/lib/alerts/rule-settings";
import { type AlertCandidate, type EvidenceLine, MAX_EVIDENCE_ITEMS } from "@/lib/alerts/types";

export interface OperatorSales {
  operator: string;
  /** The store the operator sold in (null when the lines' terminal is unknown). */
  storeId: string | null;
  sales: number;
  unsigned: number;
  /** The newest unsigned lines (evidence). */
  unsignedLines: readonly EvidenceLine[];
}

export function evaluateUnsignedRate({
  operators,
  params,
}: {
  operators: readonly OperatorSales[];
  params: RuleParams<"unsigned_rate">;
}): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const keyOf = (operator: OperatorSales) => `${operator.storeId ?? ""}:${operator.operator}`;
  for (const operator of [...operators].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))) {
    if (operator.sales < params.minSales) continue;
    const rate = perThousand(operator.unsigned, operator.sales);
    if (!(rate > params.perThousand)) continue;
    candidates.push({
      ruleType: "unsigned_rate",
      conditionKey: `unsigned_rate:operator:${keyOf(operator)}`,
      storeId: operator.storeId,
      subject: { type: "operator", id: operator.operator, label: operator.operator },
      cashierId: null,
      evidence: {
        incidents: [],
        lines: operator.unsignedLines.slice(0, MAX_EVIDENCE_ITEMS),
        figures: {
          perThousand: rate,
          threshold: params.perThousand,
          sales: operator.sales,
          unsigned: operator.unsigned,
          days: params.days,
        },
      },
    });
  }
  return candidates;
}
