import { describe, expect, test } from "vitest";
import { incidentKindFor, whyNoIncident } from "@/lib/reconciliation/exceptions/incident-kind";
import { EXCEPTION_CATEGORIES } from "@/lib/schemas/reconciliation";

describe("the kind of incident an exception becomes", () => {
  test("follows the issue's table", () => {
    expect(Object.fromEntries(EXCEPTION_CATEGORIES.map((category) => [category, incidentKindFor(category)]))).toEqual({
      amount_mismatch: "wrong_amount",
      pos_only: "debited_not_credited",
      statement_only: "suspected_fraud",
      duplicate: "duplicate_charge",
      unsigned: "unsigned_slip",
      ambiguous: null,
      voided: null,
      declined: null,
      credit_short: "debited_not_credited",
      credit_missing: "debited_not_credited",
      credit_unexplained: "debited_not_credited",
    });
  });

  test("an ambiguous exception asks for a pairing by hand; the others say they need no case", () => {
    expect(whyNoIncident("ambiguous")).toEqual({ reason: "EXCEPTION_AMBIGUOUS_PAIR_FIRST" });
    expect(whyNoIncident("voided")).toEqual({ reason: "EXCEPTION_NEEDS_NO_INCIDENT", params: { category: "voided" } });
  });

  test("inherited object keys are no categories", () => {
    expect(incidentKindFor("toString")).toBeNull();
    expect(incidentKindFor("__proto__")).toBeNull();
  });
});
