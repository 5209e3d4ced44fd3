import { expect, test } from "vitest";
import { RULE_PARAMS_SCHEMAS } from "@/lib/alerts/rule-settings";
import { evaluateDeclineBurst } from "@/lib/alerts/rules/decline-burst";
import { incidentFact, lineFact } from "@/lib/alerts/rules/test-facts";

const params = RULE_PARAMS_SCHEMAS.decline_burst.parse({});
const declined = (txAt: string, tid = "T001") => lineFact({ txAt, tid, category: "declined" });

test("five declines and PIN errors on one terminal within 30 minutes fire", () => {
  const lines = ["10:00:00", "10:05:00", "10:12:00", "10:20:00"].map((time) => declined(`2026-11-30 ${time}`));
  const pin = incidentFact({
    occurredAt: new Date("2026-11-30T02:29:00Z"),
    localAt: "2026-11-30 10:29:00",
    kind: "pin_error",
  });
  const [candidate, ...more] = evaluateDeclineBurst({ incidents: [pin], lines, params });
  expect(more).toEqual([]);
  expect(candidate.conditionKey).toBe("decline_burst:terminal:T001");
  expect(candidate.evidence.figures.count).toBe(5);
  expect(candidate.evidence.incidents).toEqual([{ id: pin.id, reference: pin.reference }]);
  expect(candidate.evidence.lines.map((line) => line.id)).toEqual(lines.map((line) => line.id).reverse());
});

test("five spread over more than 30 minutes, or on two terminals, or approved lines do not fire", () => {
  const spread = ["10:00:00", "10:10:00", "10:20:00", "10:30:00", "10:30:01"].map((time) =>
    declined(`2026-11-30 ${time}`),
  );
  expect(evaluateDeclineBurst({ incidents: [], lines: spread, params })).toEqual([]);
  const split = ["10:00:00", "10:01:00", "10:02:00"].map((time) => declined(`2026-11-30 ${time}`));
  const other = ["10:03:00", "10:04:00"].map((time) => declined(`2026-11-30 ${time}`, "T002"));
  expect(evaluateDeclineBurst({ incidents: [], lines: [...split, ...other], params })).toEqual([]);
  const approved = ["10:00:00", "10:01:00", "10:02:00", "10:03:00", "10:04:00"].map((txAt) =>
    lineFact({ txAt: `2026-11-30 ${txAt}`, category: "matched" }),
  );
  expect(evaluateDeclineBurst({ incidents: [], lines: approved, params })).toEqual([]);
});

test("a burst across midnight counts", () => {
  const lines = [
    "2026-11-30 23:50:00",
    "2026-11-30 23:55:00",
    "2026-12-01 00:01:00",
    "2026-12-01 00:05:00",
    "2026-12-01 00:10:00",
  ].map((txAt) => declined(txAt));
  expect(evaluateDeclineBurst({ incidents: [], lines, params })).toHaveLength(1);
});

test("the key names the terminal only, the same for a later burst", () => {
  const burst = (hour: string) =>
    ["00", "01", "02", "03", "04"].map((minute) => declined(`2026-11-30 ${hour}:${minute}:00`));
  const first = evaluateDeclineBurst({ incidents: [], lines: burst("10"), params });
  const second = evaluateDeclineBurst({ incidents: [], lines: burst("15"), params });
  expect(first[0].conditionKey).toBe(second[0].conditionKey);
});
