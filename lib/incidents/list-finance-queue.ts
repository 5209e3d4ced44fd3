// Finance's reconcile queue: open incidents whose reconcile step is still pending, oldest first,
// with how long each has waited and whether reconcile is already the step to do now.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { incidentStatusSql } from "@/lib/incidents/list-incidents";
import {
  type IncidentKind,
  type IncidentStatus,
  isOverdue,
  nextPendingStep,
  type StepKey,
} from "@/lib/incidents/rules";
import { visibleIncidentsWhere } from "@/lib/incidents/scope";
import { referenceOf, stepStates } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import { formatMinor } from "@/lib/schemas/incident";

/** The queue shows at most this many cases: the oldest, which are the ones to chase first. */
export const FINANCE_QUEUE_LIMIT = 200;

export type AgeUnit = "minutes" | "hours" | "days";

export interface FinanceQueueItem {
  id: string;
  reference: string;
  kind: IncidentKind;
  status: IncidentStatus;
  version: number;
  storeName: string;
  terminalId: string;
  amount: string | null;
  currency: string;
  occurredAt: string;
  overdue: boolean;
  age: { value: number; unit: AgeUnit };
  /** True when every step before reconcile is done or skipped: finance can act now. */
  ready: boolean;
  /** Earlier steps still pending, in checklist order (empty when ready). */
  waitingFor: StepKey[];
}

/** Whole minutes under an hour, whole hours under two days, else whole days. Pure. */
export function ageOf(from: Date, now: Date): { value: number; unit: AgeUnit } {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return { value: minutes, unit: "minutes" };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: "hours" };
  return { value: Math.floor(hours / 24), unit: "days" };
}

export async function listFinanceQueue({
  actor,
  now = new Date(),
  limit = FINANCE_QUEUE_LIMIT,
}: {
  actor: Actor;
  now?: Date;
  limit?: number;
}): Promise<{ items: FinanceQueueItem[]; truncated: boolean }> {
  if (!can(actor.role, "step.complete.reconcile")) {
    throw new AppError("FORBIDDEN", "Only finance and admins work the reconcile queue.");
  }
  const scope = storeScopeFilter(actor);
  if (!scope || (scope.storeIds !== "all" && scope.storeIds.length === 0)) return { items: [], truncated: false };
  // One walk per open status along (merchantId, status, occurredAt, id), merged: the oldest open
  // cases come straight off the index instead of sorting every open case (tens of thousands in
  // a chain). The pending-reconcile test is one probe of IncidentStep's (incidentId, key) key.
  const walk = (status: "OPEN" | "IN_PROGRESS") => Prisma.sql`
    SELECT i."id", i."occurredAt" FROM "Incident" i
    WHERE i."merchantId" = ${actor.merchantId} AND i."status" = ${incidentStatusSql[status]}
      ${scope.storeIds === "all" ? Prisma.empty : Prisma.sql`AND i."storeId" IN (${Prisma.join(scope.storeIds)})`}
      AND EXISTS (SELECT 1 FROM "IncidentStep" s
                  WHERE s."incidentId" = i."id" AND s."key" = 'RECONCILE' AND s."status" = 'PENDING')
    ORDER BY i."occurredAt", i."id" LIMIT ${limit + 1}`;
  const picked = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id", "occurredAt" FROM (
      SELECT * FROM (${walk("OPEN")}) AS w0 UNION ALL SELECT * FROM (${walk("IN_PROGRESS")}) AS w1
    ) AS queue ORDER BY "occurredAt", "id" LIMIT ${limit + 1}`;
  const found = await prisma.incident.findMany({
    where: { id: { in: picked.map((row) => row.id) }, ...visibleIncidentsWhere(actor) },
    select: {
      id: true,
      number: true,
      kind: true,
      status: true,
      version: true,
      occurredAt: true,
      dueAt: true,
      amountMinor: true,
      currency: true,
      store: { select: { name: true } },
      terminal: { select: { tid: true } },
      steps: { select: { key: true, status: true }, orderBy: { position: "asc" } },
    },
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = picked.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });

  const items = rows.slice(0, limit).map((row): FinanceQueueItem => {
    const steps = stepStates(row.steps);
    const waitingFor = steps
      .filter((step) => step.key !== "reconcile" && step.status === "pending")
      .map((step) => step.key);
    return {
      id: row.id,
      reference: referenceOf(row.number),
      kind: kindFromDb(row.kind),
      status: row.status,
      version: row.version,
      storeName: row.store.name,
      terminalId: row.terminal.tid,
      amount: row.amountMinor === null ? null : formatMinor(row.amountMinor),
      currency: row.currency,
      occurredAt: row.occurredAt.toISOString(),
      overdue: isOverdue(row, now),
      age: ageOf(row.occurredAt, now),
      ready: nextPendingStep(steps) === "reconcile",
      waitingFor,
    };
  });
  return { items, truncated: rows.length > limit };
}
