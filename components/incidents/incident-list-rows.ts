// What the incident list's client component (incident-list.tsx) needs of each incident: the few
// fields a row shows, and its next action worked out here, on the server, so neither the steps
// nor the rules travel to the browser. Pure.
import { nextAction, type StepKey } from "@/lib/incidents/rules";
import type { IncidentDto } from "@/lib/schemas/incident";

export interface IncidentListRow
  extends Pick<
    IncidentDto,
    | "id"
    | "reference"
    | "kind"
    | "status"
    | "dueAt"
    | "overdue"
    | "drill"
    | "storeName"
    | "terminalId"
    | "amount"
    | "currency"
  > {
  drillFor: { name: string } | null;
  next: { type: "step"; key: StepKey } | { type: "close" } | { type: "none" };
}

export function incidentListRow(incident: IncidentDto): IncidentListRow {
  const next = nextAction({ status: incident.status, steps: incident.steps });
  return {
    id: incident.id,
    reference: incident.reference,
    kind: incident.kind,
    status: incident.status,
    dueAt: incident.dueAt,
    overdue: incident.overdue,
    drill: incident.drill,
    drillFor: incident.drillFor ? { name: incident.drillFor.name } : null,
    storeName: incident.storeName,
    terminalId: incident.terminalId,
    amount: incident.amount,
    currency: incident.currency,
    next: next.type === "step" ? { type: "step", key: next.key } : next.type === "close" ? { type: "close" } : next,
  };
}
