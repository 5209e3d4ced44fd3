import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { evaluateStoreSpike, type StoreWeeks } from "@/lib/alerts/rules/store-spike";

const params = RULE_PARAMS_SCHEMAS.store_spike.parse({});
const store = (thisWeek: number, baseline: number[]): StoreWeeks => ({
  storeId: "store-1",
  storeName: "Main St",
  thisWeek,
  baseline,
  incidents: [{ id: "inc-1", reference: "INC-000001" }],
});

test("this week at least twice the 8-week median and at least 5 fires", () => {
  const [candidate] = evaluateStoreSpike({ stores: [store(8, [4, 3, 4, 5, 4, 3, 20, 4])], params });
  expect(candidate.conditionKey).toBe("store_spike:store:store-1");
  expect(candidate.subject).toEqual({ type: "store", id: "store-1", label: "Main St" });
  expect(candidate.evidence.figures).toMatchObject({ count: 8, weeklyMedian: 4 });
});

test("below twice the median, or below 5 however quiet the baseline, does not fire", () => {
  expect(evaluateStoreSpike({ stores: [store(7, [4, 3, 4, 5, 4, 3, 4, 4])], params })).toEqual([]);
  expect(evaluateStoreSpike({ stores: [store(4, [0, 0, 0, 0, 0, 0, 0, 0])], params })).toEqual([]);
});

test("a new store (missing weeks count as 0) fires from 5", () => {
  expect(evaluateStoreSpike({ stores: [store(5, [1])], params })).toHaveLength(1);
});

test("the key names the store only", () => {
  const a = evaluateStoreSpike({ stores: [store(10, [1, 1, 1, 1, 1, 1, 1, 1])], params });
  const b = evaluateStoreSpike({ stores: [store(30, [2, 2, 2, 2, 2, 2, 2, 2])], params });
  expect(a[0].conditionKey).toBe(b[0].conditionKey);
});
