// Rule (a): N unsigned slips by one operator or on one terminal within D days (default 3 in 7).
// Counted from both sources: unsigned_slip incidents (the operator is the cashier who logged it, a
// Slipcase user) and POS journal lines categorised unsigned (an approved sale with signed = N; the
// operator is the journal's operator code). A cashier and an operator code are different subjects
// (nothing maps one to the other); a terminal counts both, by TID. Pure.
import type { RuleParams } from "@/lib/alerts/rule-settings";
import {
  type AlertCandidate,
  evidenceIncident,
  evidenceLine,
  type IncidentFact,
  type LineFact,
  newestFirst,
} from "@/lib/alerts/types";
import { addDays } from "@/lib/reconciliation/match/local-time";

interface Group {
  subject: AlertCandidate["subject"];
  cashierId: string | null;
  storeIds: Set<string>;
  incidents: IncidentFact[];
  lines: LineFact[];
}

export function evaluateUnsignedStreak({
  incidents,
  lines,
  params,
  now,
  today,
}: {
  incidents: readonly IncidentFact[];
  lines: readonly LineFact[];
  params: RuleParams<"unsigned_streak">;
  now: Date;
  /** The merchant's local date now. */
  today: string;
}): AlertCandidate[] {
  const since = now.getTime() - params.days * 86_400_000;
  const firstDay = addDays(today, -(params.days - 1));
  const groups = new Map<string, Group>();
  const group = (key: string, subject: AlertCandidate["subject"], cashierId: string | null) => {
    let found = groups.get(key);
    if (!found) {
      found = { subject, cashierId, storeIds: new Set(), incidents: [], lines: [] };
      groups.set(key, found);
    }
    return found;
  };
  for (const incident of incidents) {
    if (incident.kind !== "unsigned_slip") continue;
    const at = incident.occurredAt.getTime();
    if (at < since || at > now.getTime()) continue;
    if (incident.reportedById) {
      const byCashier = group(
        `cashier:${incident.reportedById}`,
        { type: "cashier", id: incident.reportedById, label: incident.reporterName ?? "" },
        incident.reportedById,
      );
      byCashier.incidents.push(incident);
      byCashier.storeIds.add(incident.storeId);
    }
    const byTerminal = group(
      `terminal:${incident.tid}`,
      { type: "terminal", id: incident.tid, label: incident.tid },
      null,
    );
    byTerminal.incidents.push(incident);
    byTerminal.storeIds.add(incident.storeId);
  }
  for (const line of lines) {
    if (line.category !== "unsigned" || line.day < firstDay || line.day > today) continue;
    if (line.operator) {
      // An operator code is a store's own: the same code in two stores is two people.
      const byOperator = group(
        `operator:${line.storeId ?? ""}:${line.operator}`,
        { type: "operator", id: line.operator, label: line.operator },
        null,
      );
      byOperator.lines.push(line);
      if (line.storeId) byOperator.storeIds.add(line.storeId);
    }
    if (line.tid) {
      const byTerminal = group(`terminal:${line.tid}`, { type: "terminal", id: line.tid, label: line.tid }, null);
      byTerminal.lines.push(line);
      if (line.storeId) byTerminal.storeIds.add(line.storeId);
    }
  }
  const candidates: AlertCandidate[] = [];
  for (const [key, found] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const count = found.incidents.length + found.lines.length;
    if (count < params.count) continue;
    candidates.push({
      ruleType: "unsigned_streak",
      conditionKey: `unsigned_streak:${key}`,
      // An operator or terminal of one store belongs to it; one seen in several stores to none.
      storeId: found.storeIds.size === 1 ? [...found.storeIds][0] : null,
      subject: found.subject,
      cashierId: found.cashierId,
      evidence: {
        incidents: newestFirst(found.incidents, (incident) => incident.localAt).map(evidenceIncident),
        lines: newestFirst(found.lines, (line) => line.txAt ?? line.day).map(evidenceLine),
        figures: { count, days: params.days, threshold: params.count },
      },
    });
  }
  return candidates;
}
