// Builders of the facts the rules read, for the rules' unit tests.
import type { IncidentFact, LineFact } from "@/lib/alerts/types";

let next = 0;

export function incidentFact(overrides: Partial<IncidentFact> & Pick<IncidentFact, "occurredAt">): IncidentFact {
  next++;
  const localAt = overrides.localAt ?? overrides.occurredAt.toISOString().slice(0, 19).replace("T", " ");
  return {
    id: `inc-${next}`,
    reference: `INC-${String(next).padStart(6, "0")}`,
    kind: "unsigned_slip",
    storeId: "store-1",
    terminalId: "terminal-1",
    tid: "T001",
    reportedById: "cashier-1",
    reporterName: "Li Na",
    amountMinor: 10_000,
    currency: "CNY",
    ...overrides,
    localAt,
  };
}

export function lineFact(overrides: Partial<LineFact> & Pick<LineFact, "txAt">): LineFact {
  next++;
  return {
    id: next,
    storeId: "store-1",
    tid: "T001",
    operator: "01",
    day: (overrides.txAt ?? "").slice(0, 10),
    category: "unsigned",
    amountMinor: "12345",
    currency: "CNY",
    cardMasked: "622202******0128",
    ...overrides,
  };
}
