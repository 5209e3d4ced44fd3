// The risk dashboard's figures (issue 10) for a period and stores, as GET /api/dashboard, the
// /dashboard page and its CSV show them (lib/schemas/dashboard.ts says what each figure is).
// Permission dashboard.view: a supervisor for their stores, finance and admin all of them. Drills
// never count. Periods are local days in the merchant's zone.
//
// Every store at once reads the summaries (DashboardIncidentDay, DashboardTransactionDay), a few
// hundred rows whatever the chain's size; some stores count their incidents from the incidents
// themselves (one walk per store), with the same SQL the summary is built from. The open cases
// now are read from one covering index either way.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { percentileHours } from "@/lib/dashboard/close-time";
import { ensureIncidentRollup } from "@/lib/dashboard/incident-rollup";
import { incidentMeasuresSql, sqlText } from "@/lib/dashboard/incident-sql";
import { readLineTotals } from "@/lib/dashboard/line-totals";
import { bucketBounds, bucketOf, bucketsOf, type Grain, resolvePeriod, splitWholeMonths } from "@/lib/dashboard/period";
import { addCounts, emptyCounts, markOutliers, rateRow, type TransactionCounts } from "@/lib/dashboard/rates";
import { databaseProvider, prisma } from "@/lib/db/client";
import { timestampSql } from "@/lib/db/dialect";
import { isTimeZone, localDateOf } from "@/lib/deadlines/calendar";
import { DEFAULT_TIME_ZONE } from "@/lib/deadlines/settings";
import { listTrainingGaps } from "@/lib/drills/training-gaps";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentKind as DbIncidentKind } from "@/lib/generated/prisma/enums";
import { CAUSES, type Cause } from "@/lib/incidents/causes";
import { kindFromDb } from "@/lib/incidents/codec";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import { DASHBOARD_MAX_DAYS, type Dashboard, type DashboardQuery, type RateRow } from "@/lib/schemas/dashboard";

const DAY_MS = 86_400_000;

/** What every part of the dashboard reads: the merchant, the stores counted, the period. */
export interface DashboardContext {
  merchantId: string;
  timeZone: string;
  stores: { id: string; name: string }[];
  /** null: every store of the merchant (the summaries are read); else these stores' ids. */
  storeIds: string[] | null;
  from: string;
  to: string;
  grain: Grain;
  days: string[];
  now: Date;
}

/**
 * Checks the viewer and the query and works out what the dashboard counts: 403 without
 * dashboard.view, 404 naming storeId for a store they cannot see, 400 for a period too long.
 */
export async function resolveDashboardContext({
  actor,
  query,
  now = new Date(),
}: {
  actor: Actor;
  query: DashboardQuery;
  now?: Date;
}): Promise<DashboardContext> {
  const scope = can(actor.role, "dashboard.view") ? storeScopeFilter(actor) : null;
  if (!scope) throw new AppError("FORBIDDEN", { reason: "DASHBOARD_NOT_ALLOWED" });
  const [merchant, merchantStores] = await Promise.all([
    prisma.merchant.findUniqueOrThrow({ where: { id: actor.merchantId }, select: { timeZone: true } }),
    prisma.store.findMany({
      where: { merchantId: actor.merchantId },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  const visible =
    scope.storeIds === "all" ? merchantStores : merchantStores.filter((store) => scope.storeIds.includes(store.id));
  let stores = visible;
  if (query.storeId && query.storeId.length > 0) {
    const visibleIds = new Set(visible.map((store) => store.id));
    if (query.storeId.some((id) => !visibleIds.has(id))) {
      const notFound = { reason: "STORE_NOT_FOUND" } as const;
      throw new AppError("NOT_FOUND", notFound, { storeId: notFound });
    }
    const asked = new Set(query.storeId);
    stores = visible.filter((store) => asked.has(store.id));
  }
  const timeZone = isTimeZone(merchant.timeZone) ? merchant.timeZone : DEFAULT_TIME_ZONE;
  const period = resolvePeriod(query, localDateOf(now, timeZone));
  if ("reason" in period) {
    const problem =
      period.reason === "PERIOD_TOO_LONG"
        ? ({ reason: "PERIOD_TOO_LONG", params: { max: DASHBOARD_MAX_DAYS } } as const)
        : ({ reason: "INVALID_DATE" } as const);
    throw new AppError("BAD_REQUEST", problem, { [period.field]: problem });
  }
  return {
    merchantId: actor.merchantId,
    timeZone,
    stores,
    storeIds: stores.length === merchantStores.length ? null : stores.map((store) => store.id),
    from: period.from,
    to: period.to,
    grain: period.grain,
    days: period.days,
    now,
  };
}

export async function getDashboard({
  actor,
  query,
  now,
}: {
  actor: Actor;
  query: DashboardQuery;
  now?: Date;
}): Promise<Dashboard> {
  const context = await resolveDashboardContext({ actor, query, now });
  // One after another: SQLite answers one query at a time anyway, and PostgreSQL's pool is small.
  const incidents = await readIncidentFigures(context);
  const open = await readOpenFigures(context);
  const transactions = await readTransactionFigures(context);
  const trainingGaps = await readTrainingGaps(context);
  const currencies = [...new Set([...open.atRiskByCurrency.keys(), ...incidents.moneyByCurrency.keys()])].sort();
  return {
    period: { from: context.from, to: context.to, timeZone: context.timeZone, grain: context.grain },
    stores: context.stores,
    incidents: incidents.incidents,
    open: open.open,
    money: currencies.map((currency) => ({
      currency,
      atRiskMinor: open.atRiskByCurrency.get(currency) ?? 0,
      lostMinor: incidents.moneyByCurrency.get(currency)?.lostMinor ?? 0,
      recoveredMinor: incidents.moneyByCurrency.get(currency)?.recoveredMinor ?? 0,
    })),
    timeToClose: incidents.timeToClose,
    transactions,
    trainingGaps,
  };
}

// ---- incidents of the period ----

type MeasureRow = {
  measure: string;
  bucket: string;
  key: string;
  count: number | bigint;
  lostMinor: number | bigint | string;
  recoveredMinor: number | bigint | string;
};

const KIND_OF_DB = new Map<string, IncidentKind>(
  INCIDENT_KINDS.map((kind) => [kind.toUpperCase(), kindFromDb(kind.toUpperCase() as DbIncidentKind)]),
);
const CAUSE_SET = new Set<string>(CAUSES);

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function byCountThenOrder<K extends string>(counts: Record<K, number>, order: readonly K[]) {
  return order
    .filter((key) => counts[key] > 0)
    .sort((a, b) => counts[b] - counts[a] || order.indexOf(a) - order.indexOf(b));
}

/** Incidents by kind and cause over the period, money lost and recovered, time to close. */
export async function readIncidentFigures(context: DashboardContext) {
  const { merchantId, storeIds, days, grain } = context;
  let source: string;
  if (storeIds === null) {
    await ensureIncidentRollup(merchantId, context.timeZone);
    // Time to close: the period's whole months from the month rows, the days at its ends from the
    // day rows (a chain's day has ~800 of them: two years of days were 580,000 rows).
    const summary = `SELECT "measure", "day", "key", "count", "lostMinor", "recoveredMinor" FROM "DashboardIncidentDay"
      WHERE "merchantId" = ${sqlText(merchantId)}`;
    const { months, dayRanges } = splitWholeMonths(context.from, context.to);
    source = [
      `${summary} AND "measure" IN ('occurred', 'cause', 'closed')
        AND "day" >= ${sqlText(context.from)} AND "day" <= ${sqlText(context.to)}`,
      ...dayRanges.map(
        (range) => `${summary} AND "measure" = 'close_time'
          AND "day" >= ${sqlText(range.from)} AND "day" <= ${sqlText(range.to)}`,
      ),
      ...(months
        ? [
            `SELECT 'close_time', "day", "key", "count", "lostMinor", "recoveredMinor" FROM "DashboardIncidentDay"
              WHERE "merchantId" = ${sqlText(merchantId)} AND "measure" = 'close_time_month'
                AND "day" >= ${sqlText(months.first)} AND "day" <= ${sqlText(months.last)}`,
          ]
        : []),
    ].join("\n      UNION ALL ");
  } else {
    // A bucket at a time (a week's or a month's range when the series is by week or month: a
    // store's year was 365 day ranges a measure, 0.2 s on PostgreSQL), each labelled by its first day.
    source = incidentMeasuresSql({
      provider: databaseProvider,
      merchantId,
      storeIds,
      days: bucketBounds(days, grain, context.timeZone),
    });
  }
  // The series needs each kind and cause per bucket; money and time to close only per key.
  const bucket = grain === "month" ? `substr(m."day", 1, 7)` : `m."day"`;
  const rows = await prisma.$queryRawUnsafe<MeasureRow[]>(
    `SELECT m."measure" AS "measure",
        CASE WHEN m."measure" IN ('occurred', 'cause') THEN ${bucket} ELSE '' END AS "bucket",
        m."key" AS "key", SUM(m."count") AS "count", SUM(m."lostMinor") AS "lostMinor",
        SUM(m."recoveredMinor") AS "recoveredMinor"
      FROM (${source}) m
      GROUP BY m."measure", CASE WHEN m."measure" IN ('occurred', 'cause') THEN ${bucket} ELSE '' END, m."key"`,
  );

  const buckets = bucketsOf(days, grain);
  const series = new Map(
    buckets.map((start) => [start, { start, byKind: zeros(INCIDENT_KINDS), byCause: zeros(CAUSES) }]),
  );
  const kindTotals = zeros(INCIDENT_KINDS);
  const causeTotals = zeros(CAUSES);
  const moneyByCurrency = new Map<string, { lostMinor: number; recoveredMinor: number }>();
  const histograms = new Map<IncidentKind, Map<number, number>>();
  for (const row of rows) {
    const count = Number(row.count);
    if (count === 0 && row.measure !== "closed") continue;
    const start = grain === "month" ? `${row.bucket}-01` : bucketOf(row.bucket, grain);
    switch (row.measure) {
      case "occurred": {
        const kind = KIND_OF_DB.get(row.key);
        const entry = series.get(start);
        if (!kind || !entry) break;
        entry.byKind[kind] += count;
        kindTotals[kind] += count;
        break;
      }
      case "cause": {
        const entry = series.get(start);
        if (!CAUSE_SET.has(row.key) || !entry) break;
        entry.byCause[row.key as Cause] += count;
        causeTotals[row.key as Cause] += count;
        break;
      }
      case "closed": {
        const lostMinor = Number(row.lostMinor);
        const recoveredMinor = Number(row.recoveredMinor);
        if (count === 0 && lostMinor === 0 && recoveredMinor === 0) break;
        moneyByCurrency.set(row.key, { lostMinor, recoveredMinor });
        break;
      }
      case "close_time": {
        const [dbKind, step] = row.key.split(":");
        const kind = KIND_OF_DB.get(dbKind);
        if (!kind) break;
        const histogram = histograms.get(kind) ?? new Map<number, number>();
        histogram.set(Number(step), (histogram.get(Number(step)) ?? 0) + count);
        histograms.set(kind, histogram);
        break;
      }
    }
  }
  const total = INCIDENT_KINDS.reduce((sum, kind) => sum + kindTotals[kind], 0);
  return {
    incidents: {
      total,
      byKind: byCountThenOrder(kindTotals, INCIDENT_KINDS).map((kind) => ({ kind, count: kindTotals[kind] })),
      byCause: byCountThenOrder(causeTotals, CAUSES).map((cause) => ({ cause, count: causeTotals[cause] })),
      series: [...series.values()],
    },
    moneyByCurrency,
    timeToClose: INCIDENT_KINDS.flatMap((kind) => {
      const histogram = histograms.get(kind);
      const closed = histogram ? [...histogram.values()].reduce((sum, count) => sum + count, 0) : 0;
      if (!histogram || closed === 0) return [];
      return [
        { kind, closed, medianHours: percentileHours(histogram, 0.5), p90Hours: percentileHours(histogram, 0.9) },
      ];
    }),
  };
}

// ---- open cases now ----

/** Open and in-progress incidents now (any period), by age, overdue, and their amounts per currency. */
export async function readOpenFigures(context: DashboardContext) {
  const { merchantId, storeIds, now } = context;
  const ago = (days: number) => timestampSql(new Date(now.getTime() - days * DAY_MS));
  const stores =
    storeIds === null
      ? Prisma.empty
      : storeIds.length === 0
        ? Prisma.sql` AND 1 = 0`
        : Prisma.sql` AND "storeId" IN (${Prisma.join(storeIds)})`;
  const rows = await prisma.$queryRaw<
    {
      currency: string;
      total: number | bigint;
      overdue: number | bigint | null;
      under1d: number | bigint | null;
      d1to3: number | bigint | null;
      d3to7: number | bigint | null;
      atRisk: number | bigint | string | null;
    }[]
  >`SELECT "currency", COUNT(*) AS "total",
      SUM(CASE WHEN "dueAt" < ${timestampSql(now)} THEN 1 ELSE 0 END) AS "overdue",
      SUM(CASE WHEN "createdAt" > ${ago(1)} THEN 1 ELSE 0 END) AS "under1d",
      SUM(CASE WHEN "createdAt" <= ${ago(1)} AND "createdAt" > ${ago(3)} THEN 1 ELSE 0 END) AS "d1to3",
      SUM(CASE WHEN "createdAt" <= ${ago(3)} AND "createdAt" > ${ago(7)} THEN 1 ELSE 0 END) AS "d3to7",
      SUM(COALESCE("amountMinor", 0)) AS "atRisk"
    FROM "Incident"
    WHERE "merchantId" = ${merchantId} AND "status" IN ('OPEN', 'IN_PROGRESS') AND "drill" = false${stores}
    GROUP BY "currency"`;
  const totals = { total: 0, overdue: 0, under1d: 0, d1to3: 0, d3to7: 0 };
  const atRiskByCurrency = new Map<string, number>();
  for (const row of rows) {
    totals.total += Number(row.total);
    totals.overdue += Number(row.overdue ?? 0);
    totals.under1d += Number(row.under1d ?? 0);
    totals.d1to3 += Number(row.d1to3 ?? 0);
    totals.d3to7 += Number(row.d3to7 ?? 0);
    atRiskByCurrency.set(row.currency, Number(row.atRisk ?? 0));
  }
  return {
    open: {
      total: totals.total,
      overdue: totals.overdue,
      byAge: [
        { bucket: "under1d" as const, count: totals.under1d },
        { bucket: "d1to3" as const, count: totals.d1to3 },
        { bucket: "d3to7" as const, count: totals.d3to7 },
        { bucket: "over7d" as const, count: totals.total - totals.under1d - totals.d1to3 - totals.d3to7 },
      ],
    },
    atRiskByCurrency,
  };
}

// ---- rates per 1,000 POS transactions ----

type TransactionRow = {
  dimension: string;
  storeId: string;
  terminal: string;
  operator: string;
  hour: string;
  transactions: number | bigint;
  sales: number | bigint;
  unsigned: number | bigint;
  declines: number | bigint;
  duplicates: number | bigint;
  voids: number | bigint;
  refunds: number | bigint;
};

type Group = Map<string, { label: string; counts: TransactionCounts }>;

function addTo(group: Group, key: string, label: string, counts: TransactionCounts) {
  const entry = group.get(key) ?? { label, counts: emptyCounts() };
  addCounts(entry.counts, counts);
  group.set(key, entry);
}

/**
 * Rates per 1,000 POS journal lines of the period: overall and by store, terminal, operator and
 * hour. The line rows (store × terminal × operator per day) give the first three, the hour rows
 * the last; every store at once reads the hour rows of all stores together.
 */
export async function readTransactionFigures(context: DashboardContext): Promise<Dashboard["transactions"]> {
  const { merchantId, storeIds, from, to } = context;
  const sums = Prisma.sql`SUM("transactions") AS "transactions", SUM("sales") AS "sales", SUM("unsigned") AS "unsigned",
    SUM("declines") AS "declines", SUM("duplicates") AS "duplicates", SUM("voids") AS "voids", SUM("refunds") AS "refunds"`;
  const period = Prisma.sql`"merchantId" = ${merchantId} AND "day" >= ${from} AND "day" <= ${to}`;
  let rows: TransactionRow[] = [];
  if (storeIds === null) {
    // Every store: the running totals at the period's last day with lines less those before it
    // (a few thousand rows whatever the period's length), and the hour rows of all stores.
    rows = (await readLineTotals(prisma, { merchantId, from, to })).map((row) => ({
      ...row,
      dimension: "line",
      hour: "",
    }));
    rows.push(
      ...(await prisma.$queryRaw<TransactionRow[]>`
        SELECT "dimension", "storeId", "terminal", "operator", "hour", ${sums} FROM "DashboardTransactionDay"
        WHERE "dimension" = 'hour' AND ${period} AND "storeId" = '*'
        GROUP BY "dimension", "storeId", "terminal", "operator", "hour"`),
    );
  } else if (storeIds.length > 0) {
    rows = await prisma.$queryRaw<TransactionRow[]>`
      SELECT "dimension", "storeId", "terminal", "operator", "hour", ${sums} FROM "DashboardTransactionDay"
      WHERE "dimension" IN ('line', 'hour') AND ${period} AND "storeId" IN (${Prisma.join(storeIds)})
      GROUP BY "dimension", "storeId", "terminal", "operator", "hour"`;
  }
  const terminals = rows.some((row) => row.dimension === "line")
    ? await prisma.terminal.findMany({ where: { merchantId }, select: { id: true, tid: true } })
    : [];
  const tidOf = new Map(terminals.map((terminal) => [terminal.id, terminal.tid]));
  const storeName = new Map(context.stores.map((store) => [store.id, store.name]));

  const byStore: Group = new Map();
  const byTerminal: Group = new Map();
  const byOperator: Group = new Map();
  const byHour: Group = new Map();
  const overall = emptyCounts();
  for (const row of rows) {
    const counts: TransactionCounts = {
      transactions: Number(row.transactions),
      sales: Number(row.sales),
      unsigned: Number(row.unsigned),
      declines: Number(row.declines),
      duplicates: Number(row.duplicates),
      voids: Number(row.voids),
      refunds: Number(row.refunds),
    };
    if (row.dimension === "line") {
      addTo(byStore, row.storeId, storeName.get(row.storeId) ?? row.storeId, counts);
      addTo(byTerminal, row.terminal, tidOf.get(row.terminal) ?? row.terminal, counts);
      // Operator codes are a store's own: the same code in two stores is two people.
      addTo(byOperator, `${row.storeId}:${row.operator}`, row.operator, counts);
      addCounts(overall, counts);
    } else if (row.dimension === "hour") {
      addTo(byHour, row.hour, `${row.hour}:00`, counts);
    }
  }
  const rowsOf = (group: Group): RateRow[] =>
    markOutliers([...group].map(([key, entry]) => rateRow(key, entry.label, entry.counts)));
  return {
    overall: rateRow("all", "", overall),
    byStore: rowsOf(byStore),
    byTerminal: rowsOf(byTerminal),
    byOperator: rowsOf(byOperator),
    byHour: rowsOf(byHour),
  };
}

// ---- training ----

/** Cashiers who have not practised the kinds they most often log (lib/drills). */
export async function readTrainingGaps(context: DashboardContext): Promise<Dashboard["trainingGaps"]> {
  return listTrainingGaps({
    merchantId: context.merchantId,
    storeIds: context.storeIds,
    timeZone: context.timeZone,
    now: context.now,
  });
}
