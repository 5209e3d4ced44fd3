// Which kind of incident an exception becomes (issue 8, "Discrepancies become cases"), or why it
// becomes none. Pure.
import type { ErrorMessage } from "@/lib/errors/messages";
import type { IncidentKind } from "@/lib/incidents/rules";

const KIND_OF_CATEGORY: Record<string, IncidentKind> = {
  pos_only: "debited_not_credited",
  credit_short: "debited_not_credited",
  credit_missing: "debited_not_credited",
  credit_unexplained: "debited_not_credited",
  duplicate: "duplicate_charge",
  unsigned: "unsigned_slip",
  amount_mismatch: "wrong_amount",
  statement_only: "suspected_fraud",
};

/** The kind of incident for an exception's category; null when it needs none (or a person first). */
export function incidentKindFor(category: string): IncidentKind | null {
  return Object.hasOwn(KIND_OF_CATEGORY, category) ? KIND_OF_CATEGORY[category] : null;
}

/**
 * Why no incident can be opened for this category: an ambiguous line must be paired by hand
 * first (opening a case for the wrong one of two candidates would blame the wrong sale).
 */
export function whyNoIncident(category: string): ErrorMessage {
  return category === "ambiguous"
    ? { reason: "EXCEPTION_AMBIGUOUS_PAIR_FIRST" }
    : { reason: "EXCEPTION_NEEDS_NO_INCIDENT", params: { category } };
}
