// The incident list: filters, a sort (newest, oldest or soonest due), keyset pagination; always
// scoped to the caller. `actionable` narrows it to the work queue: cases not closed whose current
// step the caller's role may complete (or, once the checklist is through, may close).
//
// Built for a chain's scale (a million incidents): one raw query picks the page's ids along an
// index that ends in the list's order — (createdAt, id) or (dueAt, id), see the Incident indexes
// in prisma/schema.prisma — and two more load those few rows with their relations. A filter
// that allows several values of an indexed column (a supervisor's stores, the open statuses)
// becomes one index walk per value, merged by the database (UNION ALL of ordered, limited walks),
// instead of collecting and sorting every match. No exact counts.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { incidentSearchSql, refreshPlannerStatistics, timestampSql } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindToDb, stepKeyToDb } from "@/lib/incidents/codec";
import {
  APPLICABLE_STEPS,
  completePermission,
  INCIDENT_KINDS,
  type IncidentKind,
  type IncidentStatus,
  STEP_KEYS,
  type StepKey,
} from "@/lib/incidents/rules";
import { type IncidentWithRelations, visibleIncidentsWhere } from "@/lib/incidents/scope";
import { numberOfReference, serializeIncident } from "@/lib/incidents/serialize";
import { can, type Role } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import type { IncidentDto, IncidentSort, ListIncidentsQuery } from "@/lib/schemas/incident";

/** SQL literals for the enum values (from fixed tables, never from input). */
const STATUS_SQL = {
  OPEN: Prisma.raw("'OPEN'"),
  IN_PROGRESS: Prisma.raw("'IN_PROGRESS'"),
  CLOSED: Prisma.raw("'CLOSED'"),
} as const satisfies Record<IncidentStatus, Prisma.Sql>;
/**
 * An enum value as an SQL literal, through the codec (a fixed table, never input): a literal
 * rather than a parameter, so PostgreSQL compares it with its enum column without a cast.
 */
export const kindSql = (kind: IncidentKind) => Prisma.raw(`'${kindToDb(kind)}'`);
export const stepSql = (key: StepKey) => Prisma.raw(`'${stepKeyToDb(key)}'`);

/** The column each sort walks and its direction; every one ends in id for the keyset cursor. */
const SORT_ORDER = {
  newest: { column: "createdAt", direction: "DESC" },
  oldest: { column: "createdAt", direction: "ASC" },
  due: { column: "dueAt", direction: "ASC" },
} as const satisfies Record<IncidentSort, { column: "createdAt" | "dueAt"; direction: "ASC" | "DESC" }>;

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
  if (!can(actor.role, "incident.view")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_VIEW" });
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

  // Statuses the filters allow; overdue and the work queue = not closed.
  let statuses: readonly IncidentStatus[] = query.status ? [query.status] : ALL_STATUSES;
  if (query.overdue === "true" || query.actionable === "true") {
    statuses = statuses.filter((status) => status !== "CLOSED");
  }
  // A case nobody has acted on yet is open, its next step the first of its kind's checklist (the
  // first action moves it into progress): skip walking the open ones when the role can take none
  // of those first steps (finance: walking every open case to find none cost 0.1 s at a million).
  if (query.actionable === "true" && !mayTakeFirstStep(actor.role)) {
    statuses = statuses.filter((status) => status !== "OPEN");
  }
  const sort = query.sort ?? "newest";

  const conditions: Prisma.Sql[] = [Prisma.sql`i."merchantId" = ${actor.merchantId}`];
  if (query.actionable === "true") {
    const condition = actionableSql(actor.role);
    if (condition === null) return empty;
    if (condition !== true) conditions.push(condition);
  }
  if (query.kind) conditions.push(Prisma.sql`i."kind" = ${kindSql(query.kind)}`);
  // Issue 10: a drill is never overdue (it counts in no deadline).
  if (query.overdue === "true") conditions.push(Prisma.sql`i."dueAt" < ${timestampSql(now)} AND i."drill" = FALSE`);
  if (query.overdue === "false") {
    conditions.push(
      Prisma.sql`(i."status" = ${STATUS_SQL.CLOSED} OR i."dueAt" >= ${timestampSql(now)} OR i."drill" = TRUE)`,
    );
  }
  if (query.from) {
    conditions.push(Prisma.sql`i."occurredAt" >= ${timestampSql(new Date(`${query.from}T00:00:00.000Z`))}`);
  }
  if (query.to) {
    const endOfDay = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
    conditions.push(Prisma.sql`i."occurredAt" < ${timestampSql(endOfDay)}`);
  }
  let byRowid = false;
  if (query.q) {
    const search = await incidentSearchSql({
      text: query.q,
      merchantId: actor.merchantId,
      number: numberOfReference(query.q),
      storeIds,
    });
    conditions.push(search.condition);
    byRowid = search.byRowid;
  }
  if (query.cursor) {
    const after = await prisma.incident.findFirst({
      where: { id: query.cursor, ...visibleIncidentsWhere(actor) },
      select: { id: true, createdAt: true, dueAt: true },
    });
    if (!after) return empty;
    const { column, direction } = SORT_ORDER[sort];
    const comparison = Prisma.raw(direction === "DESC" ? "<" : ">");
    conditions.push(
      Prisma.sql`(i.${Prisma.raw(`"${column}"`)}, i."id") ${comparison} (${timestampSql(after[column])}, ${after.id})`,
    );
  }

  const ids = await pageOfIds({ conditions, storeIds, statuses, sort, take: query.limit + 1, byRowid });
  const pageIds = ids.slice(0, query.limit);
  const rows = await incidentsWithRelations(pageIds, scope);
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

/** An "Incident" row with its store's name, terminal's TID and reporter's name (raw SQL). */
type IncidentJoinedRow = Omit<IncidentWithRelations, "store" | "terminal" | "reportedBy" | "drillFor" | "steps"> & {
  joinedStoreName: string;
  joinedTid: string;
  joinedReporterName: string | null;
  joinedDrillForName: string | null;
};
type StepJoinedRow = Omit<IncidentWithRelations["steps"][number], "actor"> & { joinedActorName: string | null };

/**
 * The page's incidents with what the API shows of them — the same shape as `incidentInclude` —
 * in two statements: the incidents joined with their store, terminal and reporter, then their
 * steps joined with who did them. (Prisma's findMany with that include compiled a six-query plan
 * on every call: 17–21 ms of CPU per list at 50 rows, against 5–7 ms for these two.) Both
 * drivers return the declared types (DateTime → Date, Boolean → boolean), as Prisma does. Still
 * limited to the caller's scope, as every incident query is.
 */
export async function incidentsWithRelations(
  ids: string[],
  scope: NonNullable<ReturnType<typeof storeScopeFilter>>,
): Promise<IncidentWithRelations[]> {
  if (ids.length === 0) return [];
  const inScope =
    scope.storeIds === "all" ? Prisma.empty : Prisma.sql`AND i."storeId" IN (${Prisma.join(scope.storeIds)})`;
  const [incidents, steps] = await Promise.all([
    prisma.$queryRaw<IncidentJoinedRow[]>`
      SELECT i.*, s."name" AS "joinedStoreName", t."tid" AS "joinedTid", u."name" AS "joinedReporterName",
        d."name" AS "joinedDrillForName"
      FROM "Incident" i
      JOIN "Store" s ON s."id" = i."storeId"
      JOIN "Terminal" t ON t."id" = i."terminalId"
      LEFT JOIN "user" u ON u."id" = i."reportedById"
      LEFT JOIN "user" d ON d."id" = i."drillForId"
      WHERE i."id" IN (${Prisma.join(ids)}) AND i."merchantId" = ${scope.merchantId} ${inScope}`,
    prisma.$queryRaw<StepJoinedRow[]>`
      SELECT st.*, u."name" AS "joinedActorName"
      FROM "IncidentStep" st
      LEFT JOIN "user" u ON u."id" = st."actorId"
      WHERE st."incidentId" IN (${Prisma.join(ids)})
      ORDER BY st."incidentId", st."position"`,
  ]);
  const stepsOf = new Map<string, IncidentWithRelations["steps"]>();
  for (const { joinedActorName, ...step } of steps) {
    const list = stepsOf.get(step.incidentId) ?? [];
    list.push({
      ...step,
      actor: step.actorId === null || joinedActorName === null ? null : { id: step.actorId, name: joinedActorName },
    });
    stepsOf.set(step.incidentId, list);
  }
  return incidents.map(({ joinedStoreName, joinedTid, joinedReporterName, joinedDrillForName, ...incident }) => ({
    ...incident,
    store: { name: joinedStoreName },
    terminal: { tid: joinedTid },
    reportedBy:
      incident.reportedById === null || joinedReporterName === null
        ? null
        : { id: incident.reportedById, name: joinedReporterName },
    // Issue 10: SQLite's raw rows give the drill flag as 0/1.
    drill: Boolean(incident.drill),
    drillFor:
      incident.drillForId === null || joinedDrillForName === null
        ? null
        : { id: incident.drillForId, name: joinedDrillForName },
    steps: stepsOf.get(incident.id) ?? [],
  }));
}

/** Whether the role may complete the first step of some kind's checklist. */
function mayTakeFirstStep(role: Role): boolean {
  return INCIDENT_KINDS.some((kind) => can(role, completePermission(APPLICABLE_STEPS[kind][0])));
}

/**
 * The condition for "the caller's role can move this case on now": its first pending step is one
 * the role may complete, or no step is pending and the role may close. `true` when the role may
 * do all of it (no condition), null when it may do none (nothing to list). Read from
 * Incident.nextStep, the first pending step every writer of the steps keeps (null when none is):
 * a subquery reading each case's steps cost the walk a lookup and a sort per case it passed
 * (finance's work queue 20 ms on PostgreSQL at a million incidents, bench:lists).
 */
export function actionableSql(role: Role): Prisma.Sql | true | null {
  const steps = STEP_KEYS.filter((key) => can(role, completePermission(key)));
  const mayClose = can(role, "incident.close");
  if (steps.length === STEP_KEYS.length && mayClose) return true;
  if (steps.length === 0 && !mayClose) return null;
  const arms: Prisma.Sql[] = [];
  if (steps.length > 0) arms.push(Prisma.sql`i."nextStep" IN (${Prisma.join(steps.map(stepSql))})`);
  if (mayClose) arms.push(Prisma.sql`i."nextStep" IS NULL`);
  return Prisma.sql`(${Prisma.join(arms, " OR ")})`;
}

/**
 * One ordered, limited walk: the conditions, one store and one status (null = any), in the sort's
 * order. Exported for the planner tests, which check the index that serves it.
 */
export function incidentWalkSql({
  conditions,
  storeId,
  status,
  sort,
  take,
}: {
  conditions: Prisma.Sql[];
  storeId: string | null;
  status: IncidentStatus | null;
  sort: IncidentSort;
  take: number;
}): Prisma.Sql {
  // One store's cases by creation: its (storeId, createdAt, id) walk, the status tested on the way
  // (SQLite's unary + keeps the status off the indexes). Otherwise SQLite took the merchant's
  // (merchantId, status, createdAt, id) and walked every store's closed cases to find one store's:
  // a search with status CLOSED and a store took 0.3–1.9 s at a million incidents. The due sort
  // keeps the status: its (storeId, status, dueAt, id) index starts with both.
  const statusColumn = Prisma.raw(
    databaseProvider === "sqlite" && storeId !== null && SORT_ORDER[sort].column === "createdAt"
      ? `+i."status"`
      : `i."status"`,
  );
  // One store's cases along one status by due time: named on SQLite. The statistics PRAGMA
  // optimize keeps (sampled under analysis_limit) rate the merchant's (merchantId, status, dueAt,
  // id) as selective as the store's, and SQLite took it: a supervisor's work queue walked every
  // store's open and in-progress cases (~25,000, each testing its steps), 58 ms at a million
  // incidents (bench:lists), against under 1 ms along the store's ~60.
  const index =
    databaseProvider === "sqlite" && storeId !== null && status !== null && sort === "due"
      ? Prisma.raw(` INDEXED BY "Incident_storeId_status_dueAt_id_idx"`)
      : Prisma.empty;
  return walkSql({
    conditions: [
      ...conditions,
      ...(storeId === null ? [] : [Prisma.sql`i."storeId" = ${storeId}`]),
      ...(status === null ? [] : [Prisma.sql`${statusColumn} = ${STATUS_SQL[status]}`]),
    ],
    sort,
    take,
    index,
  });
}

function walkSql({
  conditions,
  sort,
  take,
  index = Prisma.empty,
}: {
  conditions: Prisma.Sql[];
  sort: IncidentSort;
  take: number;
  index?: Prisma.Sql;
}) {
  const { column, direction } = SORT_ORDER[sort];
  const where = Prisma.join(conditions, " AND ");
  const order = Prisma.raw(`i."${column}" ${direction}, i."id" ${direction}`);
  return Prisma.sql`SELECT i."id", i.${Prisma.raw(`"${column}"`)} AS "sortKey" FROM "Incident" i${index} WHERE ${where} ORDER BY ${order} LIMIT ${take}`;
}

interface PageQuery {
  conditions: Prisma.Sql[];
  storeIds: string[] | "all";
  statuses: readonly IncidentStatus[];
  sort: IncidentSort;
  take: number;
  /** The search names a few candidates by rowid (SQLite): read them and sort, no index walk. */
  byRowid: boolean;
}

/**
 * The ids of one page in the sort's order: one ordered, limited index walk per (store, status)
 * pair the filters leave open, merged. A single value needs no merge; "all" needs no condition —
 * except for the due sort, whose indexes all start with the status (one walk per status).
 */
async function pageOfIds(query: PageQuery): Promise<string[]> {
  if (query.statuses.length === 0) return [];
  const walks = pageWalksSql(query);
  const { direction } = SORT_ORDER[query.sort];
  const order = Prisma.raw(`"sortKey" ${direction}, "id" ${direction}`);
  const rows =
    walks.length === 1
      ? await prisma.$queryRaw<{ id: string }[]>(walks[0])
      : await prisma.$queryRaw<{ id: string }[]>`
          SELECT "id", "sortKey" FROM (${Prisma.join(
            walks.map((sql, n) => Prisma.sql`SELECT * FROM (${sql}) AS ${Prisma.raw(`w${n}`)}`),
            " UNION ALL ",
          )}) AS page ORDER BY ${order} LIMIT ${query.take}`;
  return rows.map((row) => row.id);
}

/** The walks of a page (pageOfIds); exported for the planner tests. */
export function pageWalksSql({ conditions, storeIds, statuses, sort, take, byRowid }: PageQuery): Prisma.Sql[] {
  const statusChoices: (IncidentStatus | null)[] =
    statuses.length === ALL_STATUSES.length && sort !== "due" ? [null] : [...statuses];
  const storeChoices: (string | null)[] = storeIds === "all" ? [null] : storeIds;

  let walks: Prisma.Sql[];
  if (!byRowid && statusChoices.length * storeChoices.length <= MAX_WALKS) {
    walks = storeChoices.flatMap((storeId) =>
      statusChoices.map((status) => incidentWalkSql({ conditions, storeId, status, sort, take })),
    );
  } else {
    walks = [
      walkSql({
        conditions: [
          ...conditions,
          ...(storeIds === "all" ? [] : [Prisma.sql`i."storeId" IN (${Prisma.join(storeIds)})`]),
          ...(statuses.length === ALL_STATUSES.length
            ? []
            : [Prisma.sql`i."status" IN (${Prisma.join(statuses.map((status) => STATUS_SQL[status]))})`]),
        ],
        sort,
        take,
        index: byRowid ? Prisma.raw(" NOT INDEXED") : Prisma.empty,
      }),
    ];
  }
  return walks;
}
