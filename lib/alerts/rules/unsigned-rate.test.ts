import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { evaluateUnsignedRate, type OperatorSales } from "@/lib/alerts/rules/unsigned-rate";

const params = RULE_PARAMS_SCHEMAS.unsigned_rate.parse({});
const operator = (name: string, sales: number, unsigned: number, storeId = "store-1"): OperatorSales => ({
  operator: name,
  storeId,
  sales,
  unsigned,
  unsignedLines: [
    { id: 7, tid: "T001", txAt: "2026-11-30 10:00:00", amountMinor: "100", currency: "CNY", cardMasked: null },
  ],
});

test("an operator above 20 unsigned per 1,000 sales with 200 sales fires", () => {
  const [candidate, ...more] = evaluateUnsignedRate({
    operators: [operator("07", 400, 9), operator("08", 400, 8)],
    params,
  });
  expect(more).toEqual([]);
  expect(candidate.conditionKey).toBe("unsigned_rate:operator:store-1:07");
  expect(candidate.evidence.figures).toMatchObject({ perThousand: 22.5, sales: 400, unsigned: 9 });
  expect(candidate.evidence.lines).toHaveLength(1);
});

test("exactly at the threshold, or too few sales, does not fire", () => {
  expect(evaluateUnsignedRate({ operators: [operator("07", 400, 8)], params })).toEqual([]);
  expect(evaluateUnsignedRate({ operators: [operator("07", 199, 100)], params })).toEqual([]);
});

test("the same operator code in two stores is two operators, each judged and keyed alone", () => {
  const candidates = evaluateUnsignedRate({
    operators: [
      operator("07", 400, 9, "store-2"),
      operator("07", 400, 9, "store-1"),
      operator("07", 400, 2, "store-3"),
    ],
    params,
  });
  expect(candidates.map((candidate) => [candidate.conditionKey, candidate.storeId])).toEqual([
    ["unsigned_rate:operator:store-1:07", "store-1"],
    ["unsigned_rate:operator:store-2:07", "store-2"],
  ]);
});

test("the key names the store's operator only", () => {
  const a = evaluateUnsignedRate({ operators: [operator("07", 400, 9)], params });
  const b = evaluateUnsignedRate({ operators: [operator("07", 1000, 90)], params });
  expect(a[0].conditionKey).toBe(b[0].conditionKey);
});
