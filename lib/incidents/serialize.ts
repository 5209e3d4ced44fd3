// Database rows → the API's incident JSON (lower-case kinds and step states, decimal amounts).

import type { StepKey as DbStepKey, StepStatus as DbStepStatus } from "@/lib/generated/prisma/enums";
import { decodeCauses } from "@/lib/incidents/causes";
import {
  contactMethodFromDb,
  kindFromDb,
  resolutionFromDb,
  stepKeyFromDb,
  stepStatusFromDb,
} from "@/lib/incidents/codec";
import { isOverdue, type StepKey, type StepStatus } from "@/lib/incidents/rules";
import type { IncidentWithRelations } from "@/lib/incidents/scope";
import { formatMinor, type IncidentDetailDto, type IncidentDto } from "@/lib/schemas/incident";

export function referenceOf(number: number): string {
  return `INC-${String(number).padStart(6, "0")}`;
}

/** INC-000123 → 123; null when the text is not a reference. */
export function numberOfReference(text: string): number | null {
  const match = /^INC-?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** Step rows (UPPER_CASE enums) as the step rules and the API speak of them. */
export function stepStates(steps: { key: DbStepKey; status: DbStepStatus }[]): { key: StepKey; status: StepStatus }[] {
  return steps.map((step) => ({ key: stepKeyFromDb(step.key), status: stepStatusFromDb(step.status) }));
}

export function serializeIncident(incident: IncidentWithRelations, now: Date = new Date()): IncidentDto {
  return {
    id: incident.id,
    reference: referenceOf(incident.number),
    kind: kindFromDb(incident.kind),
    status: incident.status,
    version: incident.version,
    storeId: incident.storeId,
    storeName: incident.store.name,
    terminalId: incident.terminal.tid,
    amount: incident.amountMinor === null ? null : formatMinor(incident.amountMinor),
    currency: incident.currency,
    occurredAt: incident.occurredAt.toISOString(),
    dueAt: incident.dueAt.toISOString(),
    // A drill never counts in deadlines, so it is never overdue.
    overdue: !incident.drill && isOverdue(incident, now),
    cardBin: incident.cardBin,
    cardLast4: incident.cardLast4,
    rrn: incident.rrn,
    authCode: incident.authCode,
    traceNo: incident.traceNo,
    batchNo: incident.batchNo,
    description: incident.description,
    resolution: incident.resolution ? resolutionFromDb(incident.resolution) : null,
    closedAt: incident.closedAt?.toISOString() ?? null,
    causes: decodeCauses(incident.causes),
    recoveredAmount: incident.recoveredMinor === null ? null : formatMinor(incident.recoveredMinor),
    lostAmount: incident.lostMinor === null ? null : formatMinor(incident.lostMinor),
    closeNote: incident.closeNote,
    reportedBy: incident.reportedBy,
    origin: incident.origin === "RECONCILIATION" ? "reconciliation" : "till",
    drill: incident.drill,
    drillFor: incident.drillFor,
    steps: incident.steps.map((step) => ({
      key: stepKeyFromDb(step.key),
      status: stepStatusFromDb(step.status),
      ...(step.actor ? { by: step.actor } : {}),
      ...(step.at ? { at: step.at.toISOString() } : {}),
      ...(step.note ? { note: step.note } : {}),
      ...(step.contactMethod ? { contactMethod: contactMethodFromDb(step.contactMethod) } : {}),
      ...(step.identityVerified !== null ? { identityVerified: step.identityVerified } : {}),
    })),
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
  };
}

export function serializeTimeline(
  events: {
    seq: number;
    type: string;
    createdAt: Date;
    actor: { id: string; name: string } | null;
    before: string | null;
    after: string | null;
  }[],
): IncidentDetailDto["timeline"] {
  return events.map((event) => ({
    seq: event.seq,
    type: event.type,
    at: event.createdAt.toISOString(),
    actor: event.actor,
    before: event.before === null ? null : JSON.parse(event.before),
    after: event.after === null ? null : JSON.parse(event.after),
  }));
}
