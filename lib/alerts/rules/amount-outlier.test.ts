import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { evaluateAmountOutlier } from "@/lib/alerts/rules/amount-outlier";
import { incidentFact } from "@/lib/alerts/rules/test-facts";

const params = RULE_PARAMS_SCHEMAS.amount_outlier.parse({});
const usual = [9_000, 10_000, 11_000, 10_500, 9_500, 10_000, 10_200, 9_800, 10_100, 9_900];

test("an amount far above the store's usual fires, naming the incident and its cashier", () => {
  const big = incidentFact({
    occurredAt: new Date("2026-11-30T02:00:00Z"),
    amountMinor: 500_000,
    kind: "wrong_amount",
  });
  const [candidate, ...more] = evaluateAmountOutlier({
    recent: [big],
    samples: new Map([["store-1", [...usual, 500_000]]]),
    params,
  });
  expect(more).toEqual([]);
  expect(candidate.conditionKey).toBe(`amount_outlier:incident:${big.id}`);
  expect(candidate.cashierId).toBe("cashier-1");
  expect(candidate.evidence.incidents).toEqual([{ id: big.id, reference: big.reference }]);
  expect(candidate.evidence.figures.z).toBeGreaterThan(4);
  expect(candidate.evidence.figures.medianMinor).toBe(10_000);
});

test("a usual amount, a small one, one without amount, or too few samples do not fire", () => {
  const at = new Date("2026-11-30T02:00:00Z");
  const samples = new Map([["store-1", usual]]);
  const recent = [
    incidentFact({ occurredAt: at, amountMinor: 10_300 }),
    incidentFact({ occurredAt: at, amountMinor: 100 }),
    incidentFact({ occurredAt: at, amountMinor: null }),
  ];
  expect(evaluateAmountOutlier({ recent, samples, params })).toEqual([]);
  const big = incidentFact({ occurredAt: at, amountMinor: 500_000 });
  expect(evaluateAmountOutlier({ recent: [big], samples: new Map([["store-1", usual.slice(0, 5)]]), params })).toEqual(
    [],
  );
  expect(evaluateAmountOutlier({ recent: [big], samples: new Map([["store-2", usual]]), params })).toEqual([]);
});

test("a store whose amounts are all the same: anything above them fires (MAD = 0), stored as a finite score", () => {
  const big = incidentFact({ occurredAt: new Date("2026-11-30T02:00:00Z"), amountMinor: 20_000 });
  const [candidate] = evaluateAmountOutlier({
    recent: [big],
    samples: new Map([["store-1", Array(12).fill(10_000)]]),
    params,
  });
  expect(candidate.evidence.figures.z).toBe(999);
  expect(JSON.parse(JSON.stringify(candidate.evidence)).figures.z).toBe(999);
});

test("the key is the incident's whatever the sample", () => {
  const big = incidentFact({ occurredAt: new Date("2026-11-30T02:00:00Z"), amountMinor: 500_000 });
  const a = evaluateAmountOutlier({ recent: [big], samples: new Map([["store-1", usual]]), params });
  const b = evaluateAmountOutlier({
    recent: [big],
    samples: new Map([["store-1", [...usual, 12_000, 8_000]]]),
    params,
  });
  expect(a[0].conditionKey).toBe(b[0].conditionKey);
});
