// Finance's reconcile queue: open incidents whose reconcile step is still pending, oldest first,
// with how long each has waited and whether reconcile is already the step to do now.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
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
  const rows = await prisma.incident.findMany({
    where: {
      ...visibleIncidentsWhere(actor),
      // An IN list (not `<> CLOSED`) so the (merchantId, status, …) index can serve it; the
      // pending-reconcile test is served by IncidentStep's (key, status) index.
      status: { in: ["OPEN", "IN_PROGRESS"] },
      steps: { some: { key: "RECONCILE", status: "PENDING" } },
    },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: limit + 1,
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

  const items = rows.slice(0, limit).map((row): FinanceQueueItem => {
    const steps = stepStates(row.steps);
    const waitingFor = steps
      .filter((step) => step.key !== "reconcile" && step.status === "pending")
      .map((step) => step.key);
    return {
      id: row.id,
      reference: referenceOf(row.number),
      kind: row.kind.toLowerCase() as IncidentKind,
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
