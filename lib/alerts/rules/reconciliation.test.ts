import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { type ExceptionFact, evaluateReconciliation } from "@/lib/alerts/rules/reconciliation";

const params = RULE_PARAMS_SCHEMAS.reconciliation.parse({});
const today = "2026-12-01";

function exception(overrides: Partial<ExceptionFact>): ExceptionFact {
  return {
    id: `exc-${overrides.key}`,
    key: "pos_only:1",
    category: "pos_only",
    storeId: "store-1",
    tid: "T001",
    day: "2026-11-28",
    amountMinor: "5000",
    currency: "CNY",
    status: "open",
    lines: [
      {
        id: 1,
        tid: "T001",
        txAt: "2026-11-28 10:00:00",
        amountMinor: "5000",
        currency: "CNY",
        cardMasked: "622202******0128",
      },
    ],
    ...overrides,
  };
}

test("pos_only lines, duplicates past their settle date and short or missing credits fire, keyed by the exception", () => {
  const found = evaluateReconciliation({
    exceptions: [
      exception({ key: "pos_only:1" }),
      exception({ key: "duplicate:2", category: "duplicate", day: "2026-11-29" }),
      exception({ key: "credit_short:x", category: "credit_short", storeId: null, tid: null, lines: [] }),
      exception({ key: "credit_missing:y", category: "credit_missing", storeId: null, tid: null, lines: [] }),
    ],
    params,
    today,
  });
  expect(found.map((candidate) => candidate.conditionKey)).toEqual([
    "reconciliation:credit_missing:y",
    "reconciliation:credit_short:x",
    "reconciliation:duplicate:2",
    "reconciliation:pos_only:1",
  ]);
  expect(found[3].evidence.exception?.category).toBe("pos_only");
  expect(found[3].evidence.lines[0].cardMasked).toBe("622202******0128");
});

test("a duplicate whose settle date is today or later, a resolved exception, other categories and switched-off categories do not fire", () => {
  const exceptions = [
    exception({ key: "duplicate:3", category: "duplicate", day: "2026-11-30" }),
    exception({ key: "pos_only:4", status: "resolved" }),
    exception({ key: "unsigned:5", category: "unsigned" }),
    exception({ key: "amount_mismatch:6", category: "amount_mismatch" }),
  ];
  expect(evaluateReconciliation({ exceptions, params, today })).toEqual([]);
  expect(
    evaluateReconciliation({
      exceptions: [exception({ key: "pos_only:7" })],
      params: { categories: ["credit_short"] },
      today,
    }),
  ).toEqual([]);
});

test("the key is the exception's stable key whatever its lines", () => {
  const one = evaluateReconciliation({ exceptions: [exception({ key: "pos_only:9" })], params, today });
  const again = evaluateReconciliation({
    exceptions: [exception({ key: "pos_only:9", id: "other-row", lines: [] })],
    params,
    today,
  });
  expect(again[0].conditionKey).toBe(one[0].conditionKey);
});
