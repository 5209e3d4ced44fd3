// Finance's reconcile queue: open incidents whose reconcile step is still pending — the ones
// finance can reconcile now (every earlier step done or skipped) first, then the rest, oldest
// first in each — with how long each has waited, totals per currency, and the filters (store,
// kind, waiting longer than N days) shared by the page and the CSV export.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { timestampSql } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  IncidentKind as DbIncidentKind,
  StepKey as DbStepKey,
  StepStatus as DbStepStatus,
} from "@/lib/generated/prisma/enums";
import { kindFromDb, kindToDb, stepKeyToDb } from "@/lib/incidents/codec";
import { kindSql } from "@/lib/incidents/list-incidents";
import {
  INCIDENT_KINDS,
  type IncidentKind,
  type IncidentStatus,
  isApplicable,
  isOverdue,
  nextPendingStep,
  STEP_KEYS,
  type StepKey,
} from "@/lib/incidents/rules";
import { referenceOf, stepStates } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import type { FinanceQueueQuery } from "@/lib/schemas/finance-queue";
import { formatMinor } from "@/lib/schemas/incident";

/** The queue shows at most this many cases: the oldest, which are the ones to chase first. */
export const FINANCE_QUEUE_LIMIT = 200;

/**
 * The page shows the queue 50 rows at a time (each row carries its reconcile form: 200 took
 * 0.3 s to render at a million incidents); "show more" asks for 50 more, up to the queue's limit;
 * the CSV export has every case. Any other value of `show` is the first 50. Pure.
 */
export const FINANCE_PAGE_ROWS = 50;
export function financeRowsToShow(raw: string | string[] | undefined): number {
  const wanted = Number(Array.isArray(raw) ? raw[0] : raw);
  if (!Number.isInteger(wanted) || wanted <= FINANCE_PAGE_ROWS) return FINANCE_PAGE_ROWS;
  return Math.min(FINANCE_QUEUE_LIMIT, Math.ceil(wanted / FINANCE_PAGE_ROWS) * FINANCE_PAGE_ROWS);
}

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
  amountMinor: number | null;
  currency: string;
  /** At most the BIN and last 4, as stored. */
  cardBin: string | null;
  cardLast4: string | null;
  rrn: string | null;
  occurredAt: string;
  overdue: boolean;
  age: { value: number; unit: AgeUnit };
  /** True when every step before reconcile is done or skipped: finance can act now. */
  ready: boolean;
  /** Earlier steps still pending, in checklist order (empty when ready). */
  waitingFor: StepKey[];
}

/** The whole queue's sums for one currency (not only the cases shown). */
export interface FinanceQueueTotal {
  currency: string;
  count: number;
  /** Sum of the amounts recorded, in minor units; cases with no amount add nothing. */
  amountMinor: number;
  ready: number;
  readyAmountMinor: number;
}

/** Whole minutes under an hour, whole hours under two days, else whole days. Pure. */
export function ageOf(from: Date, now: Date): { value: number; unit: AgeUnit } {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return { value: minutes, unit: "minutes" };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: "hours" };
  return { value: Math.floor(hours / 24), unit: "days" };
}

/** Database name of the step whose turn makes a case ready for finance. */
const READY_STEP = "RECONCILE";

/** Kinds whose checklist has no reconcile step: never in the queue (a declined PIN). */
const KINDS_WITHOUT_RECONCILE = INCIDENT_KINDS.filter((kind) => !isApplicable(kind, "reconcile"));

/**
 * The queue's two queries, both on the (merchantId, nextStep, occurredAt, id) index: Incident.nextStep
 * is the checklist's first pending step and reconcile is the last step of every kind that has it, so
 * "reconcile pending" is a kind with reconcile and any nextStep, and "ready" is nextStep RECONCILE.
 * - walks: one ordered walk per step (reconcile first), each at most limit + 1 cases, merged;
 * - totals: one aggregate per currency over the queue's cases.
 * Null when nothing can match (a kind with no reconcile step).
 */
export function financeQueueSql({
  merchantId,
  storeIds,
  query,
  now,
  limit,
}: {
  merchantId: string;
  storeIds: string[] | "all";
  query: FinanceQueueQuery;
  now: Date;
  limit: number;
}): { walks: Prisma.Sql; totals: Prisma.Sql } | null {
  if (query.kind && !isApplicable(query.kind, "reconcile")) return null;
  // SQLite's unary + keeps other indexes out of it. For the totals it took the (merchantId, kind,
  // createdAt, id) one and read each of the kind's cases (0.24 s at a million, not 0.04 s); and with
  // drills left out (issue 10: never in finance's queue, its totals or its CSV) and an age filter,
  // the (merchantId, drill, occurredAt, storeId) one — a week back is most of a million.
  const unary = (column: string) => Prisma.raw(databaseProvider === "sqlite" ? `+i."${column}"` : `i."${column}"`);
  const filters: Prisma.Sql[] = [Prisma.sql`i."merchantId" = ${merchantId}`, Prisma.sql`${unary("drill")} = FALSE`];
  if (storeIds !== "all") filters.push(Prisma.sql`i."storeId" IN (${Prisma.join(storeIds)})`);
  const kindColumn = unary("kind");
  if (query.kind) filters.push(Prisma.sql`${kindColumn} = ${kindSql(query.kind)}`);
  else if (KINDS_WITHOUT_RECONCILE.length > 0) {
    const kinds = KINDS_WITHOUT_RECONCILE.map((kind) => `'${kindToDb(kind)}'`).join(", ");
    filters.push(Prisma.sql`i."kind" NOT IN (${Prisma.raw(kinds)})`);
  }
  if (query.olderThanDays) {
    const cutoff = new Date(now.getTime() - Number(query.olderThanDays) * 86_400_000);
    filters.push(Prisma.sql`i."occurredAt" < ${timestampSql(cutoff)}`);
  }
  const where = Prisma.join(filters, " AND ");
  // Reconcile (ready) first, then the earlier steps: names from a fixed table, never from input.
  const steps = [READY_STEP, ...STEP_KEYS.filter((key) => key !== "reconcile").map((key) => stepKeyToDb(key))];
  const walks = Prisma.join(
    steps.map(
      (step, n) => Prisma.sql`SELECT * FROM (
        SELECT i."id", i."occurredAt", i."nextStep" FROM "Incident" i
        WHERE ${where} AND i."nextStep" = ${Prisma.raw(`'${step}'`)}
        ORDER BY i."occurredAt", i."id" LIMIT ${limit + 1}) AS ${Prisma.raw(`w${n}`)}`,
    ),
    " UNION ALL ",
  );
  const ready = Prisma.raw(`i."nextStep" = '${READY_STEP}'`);
  const totals = Prisma.sql`
    SELECT i."currency" AS "currency", COUNT(*) AS "count", SUM(i."amountMinor") AS "amountMinor",
      SUM(CASE WHEN ${ready} THEN 1 ELSE 0 END) AS "ready",
      SUM(CASE WHEN ${ready} THEN i."amountMinor" ELSE 0 END) AS "readyAmountMinor"
    FROM "Incident" i
    WHERE ${where} AND i."nextStep" IN (${Prisma.raw(steps.map((step) => `'${step}'`).join(", "))})
    GROUP BY i."currency"`;
  return { walks, totals };
}

type QueuedIncident = {
  id: string;
  number: number;
  kind: DbIncidentKind;
  status: IncidentStatus;
  version: number;
  occurredAt: Date;
  dueAt: Date;
  amountMinor: number | null;
  currency: string;
  cardBin: string | null;
  cardLast4: string | null;
  rrn: string | null;
  store: { name: string };
  terminal: { tid: string };
  steps: { key: DbStepKey; status: DbStepStatus }[];
};

/**
 * The picked cases with their store, terminal and steps, in two raw statements (Prisma's
 * findMany with those relations compiled a four-query plan on every call, ~10 ms of CPU), within
 * the caller's scope. Both drivers return the declared types (DateTime → Date).
 */
async function queuedIncidents(
  ids: string[],
  merchantId: string,
  storeIds: string[] | "all",
): Promise<QueuedIncident[]> {
  if (ids.length === 0) return [];
  const inScope = storeIds === "all" ? Prisma.empty : Prisma.sql`AND i."storeId" IN (${Prisma.join(storeIds)})`;
  const [incidents, steps] = await Promise.all([
    prisma.$queryRaw<(Omit<QueuedIncident, "store" | "terminal" | "steps"> & { storeName: string; tid: string })[]>`
      SELECT i."id", i."number", i."kind", i."status", i."version", i."occurredAt", i."dueAt", i."amountMinor",
             i."currency", i."cardBin", i."cardLast4", i."rrn", s."name" AS "storeName", t."tid" AS "tid"
      FROM "Incident" i
      JOIN "Store" s ON s."id" = i."storeId"
      JOIN "Terminal" t ON t."id" = i."terminalId"
      WHERE i."id" IN (${Prisma.join(ids)}) AND i."merchantId" = ${merchantId} ${inScope}`,
    prisma.$queryRaw<{ incidentId: string; key: DbStepKey; status: DbStepStatus }[]>`
      SELECT st."incidentId", st."key", st."status" FROM "IncidentStep" st
      WHERE st."incidentId" IN (${Prisma.join(ids)})
      ORDER BY st."incidentId", st."position"`,
  ]);
  const stepsOf = new Map<string, QueuedIncident["steps"]>();
  for (const { incidentId, key, status } of steps) {
    const list = stepsOf.get(incidentId) ?? [];
    list.push({ key, status });
    stepsOf.set(incidentId, list);
  }
  return incidents.map(({ storeName, tid, ...incident }) => ({
    ...incident,
    store: { name: storeName },
    terminal: { tid },
    steps: stepsOf.get(incident.id) ?? [],
  }));
}

/** The role check, also made by the CSV route before it reads the query (a cashier's bad filter is 403). */
export function assertFinanceQueue(actor: Actor): void {
  if (!can(actor.role, "step.complete.reconcile")) {
    throw new AppError("FORBIDDEN", { reason: "FINANCE_QUEUE_ONLY" });
  }
}

export async function listFinanceQueue({
  actor,
  query = {},
  now = new Date(),
  limit = FINANCE_QUEUE_LIMIT,
}: {
  actor: Actor;
  query?: FinanceQueueQuery;
  now?: Date;
  limit?: number;
}): Promise<{ items: FinanceQueueItem[]; truncated: boolean; totals: FinanceQueueTotal[] }> {
  assertFinanceQueue(actor);
  const empty = { items: [], truncated: false, totals: [] };
  const scope = storeScopeFilter(actor);
  if (!scope || (scope.storeIds !== "all" && scope.storeIds.length === 0)) return empty;
  let storeIds = scope.storeIds;
  if (query.storeId) {
    if (storeIds !== "all" && !storeIds.includes(query.storeId)) return empty;
    storeIds = [query.storeId];
  }

  const sql = financeQueueSql({ merchantId: actor.merchantId, storeIds, query, now, limit });
  if (!sql) return empty;
  const [walked, sums] = await Promise.all([
    prisma.$queryRaw<{ id: string; occurredAt: Date | string; nextStep: string }[]>(sql.walks),
    prisma.$queryRaw<
      {
        currency: string;
        count: number | bigint;
        amountMinor: number | bigint | null;
        ready: number | bigint | null;
        readyAmountMinor: number | bigint | null;
      }[]
    >(sql.totals),
  ]);
  const totals = sums
    .map(
      (row): FinanceQueueTotal => ({
        currency: row.currency,
        count: Number(row.count),
        amountMinor: Number(row.amountMinor ?? 0),
        ready: Number(row.ready ?? 0),
        readyAmountMinor: Number(row.readyAmountMinor ?? 0),
      }),
    )
    .sort((x, y) => (x.currency < y.currency ? -1 : 1));

  // Ready first, then the oldest mishap, then id (a stable order): each walk holds the first
  // limit + 1 of its step in that order, so their merge holds the queue's first limit + 1.
  const cases = walked.map((row) => ({
    id: row.id,
    at: row.occurredAt instanceof Date ? row.occurredAt.getTime() : Date.parse(row.occurredAt),
    ready: row.nextStep === READY_STEP,
  }));
  cases.sort((x, y) => Number(y.ready) - Number(x.ready) || x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const picked = cases.slice(0, limit + 1);

  const found = await queuedIncidents(
    picked.map((row) => row.id),
    actor.merchantId,
    scope.storeIds,
  );
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
      amountMinor: row.amountMinor,
      currency: row.currency,
      cardBin: row.cardBin,
      cardLast4: row.cardLast4,
      rrn: row.rrn,
      occurredAt: row.occurredAt.toISOString(),
      overdue: isOverdue(row, now),
      age: ageOf(row.occurredAt, now),
      ready: nextPendingStep(steps) === "reconcile",
      waitingFor,
    };
  });
  return { items, truncated: rows.length > limit, totals };
}
