// The domain core of opening a case, shared by the cashier's create (lib/incidents/create-incident.ts:
// Idempotency-Key, duplicate check, a person at the till as reporter) and the reconciliation
// (lib/reconciliation/exceptions/open-incident.ts: no key, no cashier, lines linked as evidence).
// `draftIncident` builds the rows from what is known; `insertIncident` writes them inside the
// caller's transaction: the incident number and the audit chain's next link in one UPDATE, then
// the incident, its steps, the `incident.created` event, the chain head and the caller's own
// statements in one batch (one round trip on PostgreSQL).
import "server-only";
import { queueAlertEvaluationSql } from "@/lib/alerts/queue-evaluation";
import {
  assertEventWritten,
  chainedEvent,
  claimIncidentNumberAndChainLink,
  eventStatements,
} from "@/lib/audit/append-event";
import type { AuditEventOf } from "@/lib/audit/events";
import { addDeltasSql, createdDeltas } from "@/lib/dashboard/incident-rollup";
import type { Tx } from "@/lib/db/client";
import { executeTogether } from "@/lib/db/dialect";
import { newId } from "@/lib/db/new-id";
import { nextDueAt, planIncidentDeadlines } from "@/lib/deadlines/compute";
import { loadDeadlineContext } from "@/lib/deadlines/load-context";
import { insertDeadlinesSql } from "@/lib/deadlines/record-deadlines";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb, kindToDb, stepKeyToDb, stepStatusToDb } from "@/lib/incidents/codec";
import { type IncidentKind, initialSteps, nextPendingStep } from "@/lib/incidents/rules";
import type { IncidentWithRelations } from "@/lib/incidents/scope";
import { serializeIncident } from "@/lib/incidents/serialize";
import { notifyIncident } from "@/lib/notifications/notify";
import type { IncidentDto } from "@/lib/schemas/incident";

/** An incident ready to be written: everything but its number, which the write hands out. */
export type IncidentDraft = Omit<IncidentWithRelations, "number">;

/** What the audit trail adds to the incident's snapshot in `incident.created` (origin, duplicates). */
type SnapshotExtras = Omit<AuditEventOf<"incident.created">["after"], keyof ReturnType<typeof snapshotForAudit>>;

export function draftIncident({
  merchantId,
  kind,
  terminal,
  occurredAt,
  amountMinor,
  currency,
  cardBin,
  cardLast4,
  rrn,
  authCode,
  traceNo,
  batchNo,
  description,
  reportedBy,
  drillForId,
  now,
}: {
  merchantId: string;
  kind: IncidentKind;
  terminal: { id: string; tid: string; storeId: string; storeName: string };
  occurredAt: Date;
  amountMinor: number | null;
  currency: string;
  cardBin: string | null;
  cardLast4: string | null;
  rrn: string | null;
  authCode: string | null;
  traceNo: string | null;
  batchNo: string | null;
  description: string | null;
  /** The person who logged it; null = the reconciliation (origin RECONCILIATION). */
  reportedBy: { id: string; name: string } | null;
  /** Set on a drill (模拟演练): the cashier it is for. A drill never counts in dashboards, alerts,
   *  exports or deadlines. */
  drillForId?: string | null;
  now: Date;
}): IncidentDraft {
  const id = newId();
  const checklist = initialSteps(kind);
  // The first applicable step (halt), kept on the incident for the finance queue's index.
  const nextStep = nextPendingStep(checklist);
  return {
    id,
    merchantId,
    storeId: terminal.storeId,
    terminalId: terminal.id,
    kind: kindToDb(kind),
    status: "OPEN",
    version: 1,
    occurredAt,
    amountMinor,
    currency,
    cardBin,
    cardLast4,
    rrn,
    authCode,
    traceNo,
    batchNo,
    description,
    // Placeholder until insertIncident gives the deadlines (the soonest outstanding one is kept here).
    dueAt: occurredAt,
    resolution: null,
    closedAt: null,
    causes: null,
    recoveredMinor: null,
    lostMinor: null,
    closeNote: null,
    reportedById: reportedBy?.id ?? null,
    origin: reportedBy ? "TILL" : "RECONCILIATION",
    nextStep: nextStep ? stepKeyToDb(nextStep) : null,
    drill: drillForId != null,
    drillForId: drillForId ?? null,
    // The caller names the cashier (lib/drills): the draft knows only the id.
    drillFor: null,
    createdAt: now,
    updatedAt: now,
    store: { name: terminal.storeName },
    terminal: { tid: terminal.tid },
    reportedBy,
    steps: checklist.map((step) => ({
      id: newId(),
      incidentId: id,
      key: stepKeyToDb(step.key),
      position: step.position,
      status: stepStatusToDb(step.status),
      actorId: null,
      at: null,
      note: null,
      contactMethod: null,
      identityVerified: null,
      actor: null,
    })),
  };
}

/**
 * Writes a drafted incident inside `tx` with its `incident.created` event (by `actorId`, the
 * person accountable for it) and the caller's `alsoWrite` statements, which see the answer as it
 * will be. Returns the answer and how many rows each of the caller's statements changed.
 */
export async function insertIncident(
  tx: Tx,
  {
    draft,
    actorId,
    now,
    snapshotExtras = {},
    alsoWrite = () => [],
  }: {
    draft: IncidentDraft;
    /** Who is accountable for it; null when no person is (an alert rule's drill). */
    actorId: string | null;
    now: Date;
    snapshotExtras?: SnapshotExtras;
    alsoWrite?: (incident: IncidentDto) => Prisma.Sql[];
  },
): Promise<{ incident: IncidentDto; changed: number[] }> {
  // Issue 9: the deadlines the kind's rules give it now, in the merchant's zone and calendar and the
  // store's cut-off; the incident keeps them whatever the admin changes later. They count from the
  // mishap at the till, but from its discovery when the reconciliation found it days or weeks after
  // the sale: counted from the sale, such a case would be overdue — every step missed and escalated
  // — the moment finance opened it.
  const clockFrom =
    draft.origin === "RECONCILIATION" && now.getTime() > draft.occurredAt.getTime() ? now : draft.occurredAt;
  const { settings, context } = await loadDeadlineContext(tx, {
    merchantId: draft.merchantId,
    storeId: draft.storeId,
    from: clockFrom,
  });
  const deadlines = planIncidentDeadlines({
    kind: kindFromDb(draft.kind),
    occurredAt: clockFrom,
    settings,
    context,
    now,
  });
  // A drill (模拟演练) never counts in deadlines: no Deadline rows (so the deadline job never
  // reminds or escalates it), but its dueAt is the close it would have had, so the lists sort it.
  const dueAt = draft.drill
    ? (deadlines.find((deadline) => deadline.subject === "close")?.dueAt ?? draft.dueAt)
    : (nextDueAt(deadlines.map((deadline) => ({ dueAt: deadline.dueAt, doneAt: null }))) ?? draft.dueAt);
  const deadlineRows = draft.drill ? [] : deadlines;
  const { incidentNumber, link } = await claimIncidentNumberAndChainLink(tx, draft.merchantId);
  const incident = serializeIncident({ ...draft, dueAt, number: incidentNumber }, now);
  const event = chainedEvent(link, {
    incidentId: draft.id,
    actorId,
    type: "incident.created",
    after: { ...snapshotForAudit(incident), ...snapshotExtras },
  });
  const writesDeadlines = deadlineRows.length > 0;
  const dashboardRow = addDeltasSql(draft.merchantId, createdDeltas(draft, context.calendar.timeZone));
  const [incidentRows, stepRows, ...more] = await executeTogether(tx, [
    insertIncidentRow({ ...draft, dueAt, number: incidentNumber }),
    insertSteps(draft.steps),
    ...(writesDeadlines
      ? [
          insertDeadlinesSql({
            merchantId: draft.merchantId,
            incidentId: draft.id,
            preventionActionId: null,
            deadlines: deadlineRows,
            settings,
            now,
          }),
        ]
      : []),
    ...eventStatements(event),
    ...alsoWrite(incident),
    // Issue 10: the dashboard's summary counts it (a drill adds nothing), after the chain's lock.
    ...(dashboardRow ? [dashboardRow] : []),
    // Issue 10: the alert rules look at the new case (coalesced job); a drill never counts.
    ...(draft.drill ? [] : [queueAlertEvaluationSql({ merchantId: draft.merchantId })]),
  ]);
  const deadlinesWritten = writesDeadlines ? more[0] : 0;
  const trailing = (dashboardRow ? 1 : 0) + (draft.drill ? 0 : 1);
  const rest = (writesDeadlines ? more.slice(1) : more).slice(0, trailing > 0 ? -trailing : undefined);
  if (incidentRows !== 1 || stepRows !== draft.steps.length || deadlinesWritten !== deadlineRows.length) {
    throw new Error("Incident rows not written.");
  }
  assertEventWritten(rest.slice(0, 2));
  // A drill is told to the cashier it is for (lib/drills), not to the plan's people.
  if (draft.drill) return { incident, changed: rest.slice(2) };
  // Issue 9: the emergency plan's "on logged" people are told in the same transaction (the
  // person who logged it is not; a case the reconciliation reported names no one as its author).
  await notifyIncident(tx, {
    type: "incident_logged",
    incident: {
      id: draft.id,
      merchantId: draft.merchantId,
      reference: incident.reference,
      kind: incident.kind,
      storeId: draft.storeId,
      storeName: draft.store.name,
    },
    actor: actorId ? { userId: actorId, name: draft.reportedBy?.name ?? "" } : null,
  });
  return { incident, changed: rest.slice(2) };
}

function insertIncidentRow(
  incident: Omit<IncidentWithRelations, "store" | "terminal" | "reportedBy" | "drillFor" | "steps">,
) {
  return Prisma.sql`INSERT INTO "Incident"
    ("id", "merchantId", "storeId", "terminalId", "number", "kind", "status", "version", "occurredAt",
     "amountMinor", "currency", "cardBin", "cardLast4", "rrn", "authCode", "traceNo", "batchNo", "description",
     "dueAt", "resolution", "closedAt", "reportedById", "origin", "nextStep", "drill", "drillForId", "createdAt", "updatedAt")
    VALUES (${incident.id}, ${incident.merchantId}, ${incident.storeId}, ${incident.terminalId}, ${incident.number},
     ${incident.kind}, ${incident.status}, ${incident.version}, ${incident.occurredAt}, ${incident.amountMinor},
     ${incident.currency}, ${incident.cardBin}, ${incident.cardLast4}, ${incident.rrn}, ${incident.authCode},
     ${incident.traceNo}, ${incident.batchNo}, ${incident.description}, ${incident.dueAt}, ${incident.resolution},
     ${incident.closedAt}, ${incident.reportedById}, ${incident.origin}, ${incident.nextStep}, ${incident.drill}, ${incident.drillForId}, ${incident.createdAt},
     ${incident.updatedAt})`;
}

function insertSteps(steps: IncidentWithRelations["steps"]) {
  const values = steps.map(
    (step) => Prisma.sql`(${step.id}, ${step.incidentId}, ${step.key}, ${step.position}, ${step.status})`,
  );
  return Prisma.sql`INSERT INTO "IncidentStep" ("id", "incidentId", "key", "position", "status")
    VALUES ${Prisma.join(values)}`;
}

/** What the audit trail keeps of an incident: the slip fields and state, never more card data. */
export function snapshotForAudit(incident: IncidentDto) {
  return {
    reference: incident.reference,
    kind: incident.kind,
    status: incident.status,
    version: incident.version,
    storeId: incident.storeId,
    terminalId: incident.terminalId,
    amount: incident.amount,
    currency: incident.currency,
    occurredAt: incident.occurredAt,
    cardBin: incident.cardBin,
    cardLast4: incident.cardLast4,
    rrn: incident.rrn,
    authCode: incident.authCode,
    traceNo: incident.traceNo,
    batchNo: incident.batchNo,
    description: incident.description,
  };
}
