// The alert rules' vocabulary: the rule types, the facts the rules read (loaded by
// lib/alerts/load-facts.ts with bounded queries) and what a rule answers — a candidate alert with
// its condition key and evidence. Pure: importable by client and server.
import type { IncidentKind } from "@/lib/incidents/rules";

export const ALERT_RULE_TYPES = [
  "unsigned_streak",
  "decline_burst",
  "reconciliation",
  "amount_outlier",
  "store_spike",
  "unsigned_rate",
] as const;
export type AlertRuleType = (typeof ALERT_RULE_TYPES)[number];

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What an alert names. `cashier` is a Slipcase user; `operator` a POS journal's operator code. */
export const ALERT_SUBJECT_TYPES = ["cashier", "operator", "terminal", "store", "exception", "incident"] as const;
export type AlertSubjectType = (typeof ALERT_SUBJECT_TYPES)[number];

/** The most incidents and lines an alert's evidence lists (the newest). */
export const MAX_EVIDENCE_ITEMS = 50;

export interface EvidenceIncident {
  id: string;
  reference: string;
}

/** A transaction line as evidence: never more of the card than first six and last four. */
export interface EvidenceLine {
  id: number;
  tid: string | null;
  txAt: string | null;
  /** Minor units as a decimal string (a line's amount is a BigInt). */
  amountMinor: string;
  currency: string;
  cardMasked: string | null;
}

export interface AlertEvidence {
  incidents: EvidenceIncident[];
  lines: EvidenceLine[];
  /** The reconciliation exception the alert is about (reconciliation rule). */
  exception?: { id: string; key: string; category: string; day: string; amountMinor: string; currency: string };
  /** The numbers behind the condition (count, window, z-score, rate …), for the reader. */
  figures: Record<string, number>;
}

export interface AlertSubject {
  type: AlertSubjectType;
  id: string;
  label: string;
}

/** One condition a rule found met. `conditionKey` is stable for the condition while it lasts. */
export interface AlertCandidate {
  ruleType: AlertRuleType;
  conditionKey: string;
  storeId: string | null;
  subject: AlertSubject;
  /** The Slipcase cashier a drill may be assigned to (incident-based evidence: the reporter). */
  cashierId: string | null;
  evidence: AlertEvidence;
}

/** A real (never a drill) incident as the rules read it. */
export interface IncidentFact {
  id: string;
  reference: string;
  kind: IncidentKind;
  storeId: string;
  terminalId: string;
  tid: string;
  reportedById: string | null;
  reporterName: string | null;
  occurredAt: Date;
  /** occurredAt as the merchant's wall clock "YYYY-MM-DD HH:MM:SS" (to compare with lines). */
  localAt: string;
  amountMinor: number | null;
  currency: string;
}

/** A POS journal line as the rules read it (published, never staged). */
export interface LineFact {
  id: number;
  storeId: string | null;
  tid: string | null;
  operator: string | null;
  /** Wall clock "YYYY-MM-DD HH:MM:SS" in the merchant's zone. */
  txAt: string | null;
  day: string;
  category: string;
  amountMinor: string;
  currency: string;
  cardMasked: string | null;
}

export function evidenceLine(line: LineFact): EvidenceLine {
  return {
    id: line.id,
    tid: line.tid,
    txAt: line.txAt,
    amountMinor: line.amountMinor,
    currency: line.currency,
    cardMasked: line.cardMasked,
  };
}

export function evidenceIncident(incident: Pick<IncidentFact, "id" | "reference">): EvidenceIncident {
  return { id: incident.id, reference: incident.reference };
}

/**
 * The items an alert's evidence names, as stable ids. A condition met again after its alert was
 * resolved raises a new alert only when it brings an item the resolved one did not have (a new
 * slip, a new decline), so resolving does not bring the same alert straight back.
 */
export function evidenceItemIds(evidence: Pick<AlertEvidence, "incidents" | "lines" | "exception">): string[] {
  return [
    ...evidence.incidents.map((incident) => `incident:${incident.id}`),
    ...evidence.lines.map((line) => `line:${line.id}`),
    ...(evidence.exception ? [`exception:${evidence.exception.id}`] : []),
  ];
}

/** Newest first, at most MAX_EVIDENCE_ITEMS. */
export function newestFirst<T>(items: readonly T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0)).slice(0, MAX_EVIDENCE_ITEMS);
}
