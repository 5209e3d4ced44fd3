import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  readSettleDateCaseKey,
  readUnexplainedCreditKey,
  settleDateCaseKey,
  unexplainedCreditKey,
} from "@/lib/reconciliation/credit-case-key";

describe("credit case keys", () => {
  test("a settle date's key reads back whatever the acquirer merchant id holds (none, colons)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("credit_short" as const, "credit_missing" as const),
        fc.string(),
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        (category, acquirerMid, date) => {
          const settleDate = date.toISOString().slice(0, 10);
          const key = settleDateCaseKey(category, acquirerMid, settleDate);
          expect(readSettleDateCaseKey(key)).toEqual({ category, acquirerMid, settleDate });
        },
      ),
    );
    expect(readSettleDateCaseKey("credit_missing::2026-10-11")).toEqual({
      category: "credit_missing",
      acquirerMid: "",
      settleDate: "2026-10-11",
    });
  });

  test("an unexplained credit's key reads back its line; other keys read as none", () => {
    expect(readUnexplainedCreditKey(unexplainedCreditKey(4_200_000_001))).toBe(4_200_000_001);
    for (const key of ["pos_only:12", "credit_unexplained:", "credit_unexplained:1x", "credit_short:898:2026-10-11"]) {
      expect(readUnexplainedCreditKey(key)).toBeNull();
    }
    for (const key of ["pos_only:batch:T1:000155:2026-09-15", "credit_unexplained:12", "credit_short:898:20261011"]) {
      expect(readSettleDateCaseKey(key)).toBeNull();
    }
  });
});
