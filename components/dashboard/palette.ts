// The dashboard's series colours: each kind and each cause keeps its colour on every chart.
// Chosen to stay apart for the common colour-vision deficiencies (Okabe–Ito, then Tableau's);
// colour is never the only cue: every chart has its legend with the counts, and its table.
import type { Cause } from "@/lib/incidents/causes";
import type { IncidentKind } from "@/lib/incidents/rules";
import type { RATE_KINDS } from "@/lib/schemas/dashboard";

export const KIND_COLORS = {
  wrong_amount: "#0072B2",
  wrong_card: "#E69F00",
  pin_error: "#CC79A7",
  unsigned_slip: "#009E73",
  debited_not_credited: "#56B4E9",
  duplicate_charge: "#D55E00",
  terminal_fault: "#6B6B6B",
  suspected_fraud: "#8C1D40",
} as const satisfies Record<IncidentKind, string>;

export const CAUSE_COLORS = {
  distraction: "#4E79A7",
  unfamiliar_procedure: "#F28E2B",
  inexperience: "#E15759",
  time_pressure: "#76B7B2",
  insufficient_training: "#59A14F",
  terminal_fault: "#B8860B",
  outdated_software: "#B07AA1",
  printer_fault: "#FF9DA7",
  network_drop: "#9C755F",
  environment: "#8E8E8E",
  other: "#2F4B7C",
} as const satisfies Record<Cause, string>;

export const RATE_COLORS = {
  unsigned: "#009E73",
  declines: "#CC79A7",
  duplicates: "#D55E00",
  voids: "#0072B2",
  refunds: "#E69F00",
} as const satisfies Record<(typeof RATE_KINDS)[number], string>;

/** The one colour of single-series bars (open cases, time to close, rates). */
export const BAR_COLOR = "#1D4ED8";
/** The lighter bar behind it (the 90th percentile behind the median). */
export const BAR_BACK_COLOR = "#93C5FD";
