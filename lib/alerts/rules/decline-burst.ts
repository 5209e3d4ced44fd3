// Rule (b): a burst of declines and PIN errors on one terminal — N within M minutes (default 5 in
// 30): declined POS journal lines and pin_error incidents, by TID, on the merchant's wall clock.
// The alert's evidence is the latest window that holds N. Pure.
import type { RuleParams } from "@/lib/alerts/rule-settings";
import {
  type AlertCandidate,
  evidenceIncident,
  evidenceLine,
  type IncidentFact,
  type LineFact,
  MAX_EVIDENCE_ITEMS,
} from "@/lib/alerts/types";
import { wallClockSeconds } from "@/lib/reconciliation/match/local-time";

type Event = { at: number; storeId: string | null } & ({ incident: IncidentFact } | { line: LineFact });

export function evaluateDeclineBurst({
  incidents,
  lines,
  params,
}: {
  incidents: readonly IncidentFact[];
  lines: readonly LineFact[];
  params: RuleParams<"decline_burst">;
}): AlertCandidate[] {
  const byTerminal = new Map<string, Event[]>();
  const add = (tid: string, event: Event) => {
    const list = byTerminal.get(tid) ?? [];
    list.push(event);
    byTerminal.set(tid, list);
  };
  for (const incident of incidents) {
    if (incident.kind === "pin_error")
      add(incident.tid, { at: wallClockSeconds(incident.localAt), storeId: incident.storeId, incident });
  }
  for (const line of lines) {
    if (line.category === "declined" && line.tid && line.txAt) {
      add(line.tid, { at: wallClockSeconds(line.txAt), storeId: line.storeId, line });
    }
  }
  const windowSeconds = params.minutes * 60;
  const candidates: AlertCandidate[] = [];
  for (const tid of [...byTerminal.keys()].sort()) {
    const events = (byTerminal.get(tid) ?? []).sort((a, b) => a.at - b.at);
    // The latest window [start, end] of at most M minutes holding N events or more.
    let best: Event[] | null = null;
    let start = 0;
    for (let end = 0; end < events.length; end++) {
      while (events[end].at - events[start].at > windowSeconds) start++;
      if (end - start + 1 >= params.count) best = events.slice(start, end + 1);
    }
    if (!best) continue;
    const newest = best.slice(-MAX_EVIDENCE_ITEMS).reverse();
    const storeIds = new Set(best.map((event) => event.storeId).filter((id): id is string => id !== null));
    candidates.push({
      ruleType: "decline_burst",
      conditionKey: `decline_burst:terminal:${tid}`,
      storeId: storeIds.size === 1 ? [...storeIds][0] : null,
      subject: { type: "terminal", id: tid, label: tid },
      cashierId: null,
      evidence: {
        incidents: newest.flatMap((event) => ("incident" in event ? [evidenceIncident(event.incident)] : [])),
        lines: newest.flatMap((event) => ("line" in event ? [evidenceLine(event.line)] : [])),
        figures: { count: best.length, minutes: params.minutes, threshold: params.count },
      },
    });
  }
  return candidates;
}
