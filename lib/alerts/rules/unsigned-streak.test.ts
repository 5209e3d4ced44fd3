import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { incidentFact, lineFact } from "@/lib/alerts/rules/test-facts";
import { evaluateUnsignedStreak } from "@/lib/alerts/rules/unsigned-streak";

const params = RULE_PARAMS_SCHEMAS.unsigned_streak.parse({});
const now = new Date("2026-12-01T10:00:00Z");
const today = "2026-12-01";
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

test("three unsigned slips by one cashier within 7 days fire once for the cashier and once for the terminal", () => {
  const incidents = [1, 2, 3].map((days) => incidentFact({ occurredAt: daysAgo(days) }));
  const candidates = evaluateUnsignedStreak({ incidents, lines: [], params, now, today });
  expect(candidates.map((candidate) => candidate.conditionKey)).toEqual([
    "unsigned_streak:cashier:cashier-1",
    "unsigned_streak:terminal:T001",
  ]);
  const [cashier] = candidates;
  expect(cashier.cashierId).toBe("cashier-1");
  expect(cashier.storeId).toBe("store-1");
  expect(cashier.evidence.incidents.map((incident) => incident.id)).toEqual(incidents.map((incident) => incident.id));
  expect(cashier.evidence.figures.count).toBe(3);
});

test("two slips, or a third outside the window, or another kind do not fire", () => {
  const two = [1, 2].map((days) => incidentFact({ occurredAt: daysAgo(days) }));
  expect(evaluateUnsignedStreak({ incidents: two, lines: [], params, now, today })).toEqual([]);
  const old = incidentFact({ occurredAt: daysAgo(8) });
  expect(evaluateUnsignedStreak({ incidents: [...two, old], lines: [], params, now, today })).toEqual([]);
  const other = incidentFact({ occurredAt: daysAgo(1), kind: "wrong_amount" });
  expect(evaluateUnsignedStreak({ incidents: [...two, other], lines: [], params, now, today })).toEqual([]);
});

test("journal lines count by operator code and add to the terminal's incidents", () => {
  const lines = [
    lineFact({ txAt: "2026-11-30 09:00:00" }),
    lineFact({ txAt: "2026-11-29 09:00:00" }),
    lineFact({ txAt: "2026-11-28 09:00:00" }),
    lineFact({ txAt: "2026-11-28 10:00:00", category: "matched" }),
  ];
  const one = incidentFact({ occurredAt: daysAgo(1), tid: "T002" });
  const twoLines = [
    lineFact({ txAt: "2026-11-30 09:00:00", tid: "T002", operator: "02" }),
    lineFact({ txAt: "2026-11-30 11:00:00", tid: "T002", operator: "03" }),
  ];
  const keys = evaluateUnsignedStreak({ incidents: [one], lines: [...lines, ...twoLines], params, now, today }).map(
    (candidate) => candidate.conditionKey,
  );
  expect(keys).toEqual([
    "unsigned_streak:operator:store-1:01",
    "unsigned_streak:terminal:T001",
    "unsigned_streak:terminal:T002",
  ]);
  const operator = evaluateUnsignedStreak({ incidents: [], lines, params, now, today })[0];
  expect(operator.cashierId).toBeNull();
  expect(operator.evidence.lines[0]).toEqual({
    id: lines[0].id,
    tid: "T001",
    txAt: "2026-11-30 09:00:00",
    amountMinor: "12345",
    currency: "CNY",
    cardMasked: "622202******0128",
  });
});

test("an operator code is a store's own: two stores' operator 01 are two operators", () => {
  const lines = [
    lineFact({ txAt: "2026-11-30 09:00:00", storeId: "store-1", tid: "T001" }),
    lineFact({ txAt: "2026-11-29 09:00:00", storeId: "store-1", tid: "T001" }),
    lineFact({ txAt: "2026-11-30 09:00:00", storeId: "store-2", tid: "T201" }),
  ];
  expect(evaluateUnsignedStreak({ incidents: [], lines, params, now, today })).toEqual([]);
  const third = lineFact({ txAt: "2026-11-28 09:00:00", storeId: "store-1", tid: "T002" });
  const [candidate, ...more] = evaluateUnsignedStreak({ incidents: [], lines: [...lines, third], params, now, today });
  expect(more).toEqual([]);
  expect(candidate).toMatchObject({ conditionKey: "unsigned_streak:operator:store-1:01", storeId: "store-1" });
});

test("the condition key does not depend on which slips or when: it stays the same as the streak grows", () => {
  const first = [1, 2, 3].map((days) => incidentFact({ occurredAt: daysAgo(days) }));
  const later = [...first, incidentFact({ occurredAt: daysAgo(0.5) })];
  const keys = (list: typeof first) =>
    evaluateUnsignedStreak({ incidents: list, lines: [], params, now, today }).map(
      (candidate) => candidate.conditionKey,
    );
  expect(keys(later)).toEqual(keys(first));
});

test("thresholds come from the params", () => {
  const incidents = [1, 2, 3].map((days) => incidentFact({ occurredAt: daysAgo(days) }));
  expect(evaluateUnsignedStreak({ incidents, lines: [], params: { count: 4, days: 7 }, now, today })).toEqual([]);
  expect(evaluateUnsignedStreak({ incidents, lines: [], params: { count: 3, days: 2 }, now, today })).toEqual([]);
});
