// The incident list: filters, newest first, keyset pagination; always scoped to the caller.
//
// Built for a chain's scale (a million incidents): one raw query picks the page's ids along an
// index that ends in the list's order (createdAt, id) — see the Incident indexes in
// prisma/schema.prisma — and Prisma then loads those few rows with their relations. A filter
// that allows several values of an indexed column (a supervisor's stores, the overdue filter's
// two open statuses) becomes one index walk per value, merged by the database (UNION ALL of
// ordered, limited walks), instead of collecting and sorting every match. No exact counts.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { incidentSearchSql, refreshPlannerStatistics, timestampSql } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentStatus } from "@/lib/incidents/rules";
import { incidentInclude, visibleIncidentsWhere } from "@/lib/incidents/scope";
import { numberOfReference, serializeIncident } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import type { IncidentDto, ListIncidentsQuery } from "@/lib/schemas/incident";

/** SQL literals for the enum values (from fixed tables, never from input). */
const STATUS_SQL = {
  OPEN: Prisma.raw("'OPEN'"),
  IN_PROGRESS: Prisma.raw("'IN_PROGRESS'"),
  CLOSED: Prisma.raw("'CLOSED'"),
} as const satisfies Record<IncidentStatus, Prisma.Sql>;
const KIND_SQL = {
  wrong_amount: Prisma.raw("'WRONG_AMOUNT'"),
  wrong_card: Prisma.raw("'WRONG_CARD'"),
  pin_error: Prisma.raw("'PIN_ERROR'"),
  unsigned_slip: Prisma.raw("'UNSIGNED_SLIP'"),
  debited_not_credited: Prisma.raw("'DEBITED_NOT_CREDITED'"),
  duplicate_charge: Prisma.raw("'DUPLICATE_CHARGE'"),
  terminal_fault: Prisma.raw("'TERMINAL_FAULT'"),
  suspected_fraud: Prisma.raw("'SUSPECTED_FRAUD'"),
} as const satisfies Record<NonNullable<ListIncidentsQuery["kind"]>, Prisma.Sql>;

export { STATUS_SQL as incidentStatusSql };

const ALL_STATUSES: readonly IncidentStatus[] = ["OPEN", "IN_PROGRESS", "CLOSED"];
/** Beyond this many walks (stores × statuses) one walk with IN lists and a sort is cheaper. */
const MAX_WALKS = 16;

export async function listIncidents({
  actor,
  query,
  now = new Date(),
}: {
  actor: Actor;
  query: ListIncidentsQuery;
  now?: Date;
}): Promise<{ items: IncidentDto[]; nextCursor: string | null }> {
  if (!can(actor.role, "incident.view")) throw new AppError("FORBIDDEN", "Your role cannot see incidents.");
  const empty = { items: [], nextCursor: null };
  refreshPlannerStatistics();

  const scope = storeScopeFilter(actor);
  if (!scope) return empty;
  let storeIds: string[] | "all" = scope.storeIds;
  if (query.storeId) {
    if (storeIds !== "all" && !storeIds.includes(query.storeId)) return empty;
    storeIds = [query.storeId];
  }
  if (storeIds !== "all" && storeIds.length === 0) return empty;

  // Statuses the filters allow; overdue = not closed and past due.
  let statuses: readonly IncidentStatus[] = query.status ? [query.status] : ALL_STATUSES;
  if (query.overdue === "true") statuses = statuses.filter((status) => status !== "CLOSED");

  const conditions: Prisma.Sql[] = [Prisma.sql`i."merchantId" = ${actor.merchantId}`];
  if (query.kind) conditions.push(Prisma.sql`i."kind" = ${KIND_SQL[query.kind]}`);
  if (query.overdue === "true") conditions.push(Prisma.sql`i."dueAt" < ${timestampSql(now)}`);
  if (query.overdue === "false") {
    conditions.push(Prisma.sql`(i."status" = ${STATUS_SQL.CLOSED} OR i."dueAt" >= ${timestampSql(now)})`);
  }
  if (query.from) {
    conditions.push(Prisma.sql`i."occurredAt" >= ${timestampSql(new Date(`${query.from}T00:00:00.000Z`))}`);
  }
  if (query.to) {
    const endOfDay = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
    conditions.push(Prisma.sql`i."occurredAt" < ${timestampSql(endOfDay)}`);
  }
  if (query.q) {
    conditions.push(
      await incidentSearchSql({ text: query.q, merchantId: actor.merchantId, number: numberOfReference(query.q) }),
    );
  }
  if (query.cursor) {
    const after = await prisma.incident.findFirst({
      where: { id: query.cursor, ...visibleIncidentsWhere(actor) },
      select: { id: true, createdAt: true },
    });
    if (!after) return empty;
    conditions.push(Prisma.sql`(i."createdAt", i."id") < (${timestampSql(after.createdAt)}, ${after.id})`);
  }

  const ids = await pageOfIds({ conditions, storeIds, statuses, take: query.limit + 1 });
  const pageIds = ids.slice(0, query.limit);
  const rows = await prisma.incident.findMany({
    where: { id: { in: pageIds }, ...visibleIncidentsWhere(actor) },
    include: incidentInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const page = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  return {
    items: page.map((row) => serializeIncident(row, now)),
    nextCursor: ids.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * The ids of one page, newest first: one ordered, limited index walk per (store, status) pair
 * the filters leave open, merged. A single value needs no merge; "all" needs no condition.
 */
async function pageOfIds({
  conditions,
  storeIds,
  statuses,
  take,
}: {
  conditions: Prisma.Sql[];
  storeIds: string[] | "all";
  statuses: readonly IncidentStatus[];
  take: number;
}): Promise<string[]> {
  if (statuses.length === 0) return [];
  const statusChoices: (IncidentStatus | null)[] = statuses.length === ALL_STATUSES.length ? [null] : [...statuses];
  const storeChoices: (string | null)[] = storeIds === "all" ? [null] : storeIds;

  const walk = (extra: Prisma.Sql[]) => {
    const where = Prisma.join([...conditions, ...extra], " AND ");
    return Prisma.sql`SELECT i."id", i."createdAt" FROM "Incident" i WHERE ${where} ORDER BY i."createdAt" DESC, i."id" DESC LIMIT ${take}`;
  };

  let walks: Prisma.Sql[];
  if (statusChoices.length * storeChoices.length <= MAX_WALKS) {
    walks = storeChoices.flatMap((storeId) =>
      statusChoices.map((status) =>
        walk([
          ...(storeId === null ? [] : [Prisma.sql`i."storeId" = ${storeId}`]),
          ...(status === null ? [] : [Prisma.sql`i."status" = ${STATUS_SQL[status]}`]),
        ]),
      ),
    );
  } else {
    walks = [
      walk([
        ...(storeIds === "all" ? [] : [Prisma.sql`i."storeId" IN (${Prisma.join(storeIds)})`]),
        ...(statusChoices[0] === null
          ? []
          : [Prisma.sql`i."status" IN (${Prisma.join(statuses.map((status) => STATUS_SQL[status]))})`]),
      ]),
    ];
  }

  const rows =
    walks.length === 1
      ? await prisma.$queryRaw<{ id: string }[]>(walks[0])
      : await prisma.$queryRaw<{ id: string }[]>`
          SELECT "id", "createdAt" FROM (${Prisma.join(
            walks.map((sql, n) => Prisma.sql`SELECT * FROM (${sql}) AS ${Prisma.raw(`w${n}`)}`),
            " UNION ALL ",
          )}) AS page ORDER BY "createdAt" DESC, "id" DESC LIMIT ${take}`;
  return rows.map((row) => row.id);
}
