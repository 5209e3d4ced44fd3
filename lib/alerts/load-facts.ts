// What the alert rules read, in bounded queries: each walks an index over a recent window and takes
// at most a fixed number of rows, so a merchant with a million incidents and five million lines costs
// what its last days cost (npm run bench:alerts times each part, FACT_PARTS). Drills never count
// (drill = false in every incident query); staged lines are never read (their category is "staged").
//   incidents of the streak and burst rules: (merchantId, kind, createdAt, id), one walk per kind,
//     the terminal's TID and the reporter's name joined
//   lines of the streak and burst rules: (merchantId, category, day), one walk per category
//   reconciliation: (merchantId, status, category, day), open exceptions, their lines by exceptionId
//   amount outlier: (merchantId, createdAt, id) for the last day's incidents, then each of their
//     stores' last amounts from (storeId, drill, createdAt, id, occurredAt, amountMinor) alone
//   store spike: per store and week a count of the (storeId, occurredAt) range, index only, the
//     drills' taken off ((merchantId, drill, occurredAt, storeId))
//   unsigned rate (after an import only): the dashboard's running totals of the journal per store,
//     terminal and operator (lib/dashboard/line-totals.ts), then the evidence of the few over it
// Store names are read only for the stores an alert will name.
import "server-only";
import { perThousand } from "@/lib/alerts/rates";
import { median } from "@/lib/alerts/robust-z";
import type { AlertRuleSettings, AlertRuleSettingsOf } from "@/lib/alerts/rule-settings";
import type { ExceptionFact } from "@/lib/alerts/rules/reconciliation";
import type { StoreWeeks } from "@/lib/alerts/rules/store-spike";
import type { OperatorSales } from "@/lib/alerts/rules/unsigned-rate";
import type { EvidenceLine, IncidentFact, LineFact } from "@/lib/alerts/types";
import { readLineTotals } from "@/lib/dashboard/line-totals";
import type { Tx } from "@/lib/db/client";
import { timestampSql } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { kindSql } from "@/lib/incidents/list-incidents";
import type { IncidentKind } from "@/lib/incidents/rules";
import { referenceOf } from "@/lib/incidents/serialize";
import { addDays } from "@/lib/reconciliation/match/local-time";

const DAY_MS = 86_400_000;
/** Most rows any one read takes (the newest), each kind's and category's their own. */
const MAX_INCIDENTS = 5_000;
const MAX_LINES = 20_000;
/** The newest unsigned lines an operator's rate alert lists. */
const MAX_RATE_EVIDENCE = 20;
const MAX_EXCEPTIONS = 500;
/** The amount-outlier rule judges incidents logged in the last day, against each store's last amounts. */
const OUTLIER_RECENT_MS = DAY_MS;
const MAX_OUTLIER_RECENT = 500;
const MAX_OUTLIER_STORES = 50;
const MAX_SAMPLES_PER_STORE = 1_000;
/** The burst rule looks this far back (a journal is often imported the next day). */
const BURST_LOOKBACK_DAYS = 7;

export interface AlertFacts {
  today: string;
  /** The names of the stores the facts name (the spike rule's); others are read when raising. */
  storeNames: Map<string, string>;
  incidents: IncidentFact[];
  lines: LineFact[];
  exceptions: ExceptionFact[];
  outlierRecent: IncidentFact[];
  outlierSamples: Map<string, number[]>;
  storeWeeks: StoreWeeks[];
  operators: OperatorSales[];
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:MM:SS" of an instant on the zone's wall clock. */
export function wallClock(instant: Date, timeZone: string): string {
  // One formatter per zone: making one costs a hundred times what formatting does (5,000
  // incidents took half a second).
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    wallClockFormats.set(timeZone, format);
  }
  return format.format(instant);
}

function enabled<Type extends AlertRuleSettings["type"]>(
  rules: readonly AlertRuleSettings[],
  type: Type,
): AlertRuleSettingsOf<Type> | null {
  const rule = rules.find((each) => each.type === type);
  return rule?.enabled ? (rule as AlertRuleSettingsOf<Type>) : null;
}

/** An incident as the rules read it, by raw SQL (its terminal's TID and its reporter's name joined). */
type IncidentRow = {
  id: string;
  number: number;
  kind: Parameters<typeof kindFromDb>[0];
  storeId: string;
  terminalId: string;
  reportedById: string | null;
  occurredAt: Date;
  createdAt: Date;
  amountMinor: number | null;
  currency: string;
  tid: string;
  reporterName: string | null;
};

const INCIDENT_COLUMNS = Prisma.sql`i."id", i."number", i."kind", i."storeId", i."terminalId", i."reportedById",
  i."occurredAt", i."createdAt", i."amountMinor", i."currency", t."tid", u."name" AS "reporterName"`;
const INCIDENT_JOINS = Prisma.sql`JOIN "Terminal" t ON t."id" = i."terminalId" LEFT JOIN "user" u ON u."id" = i."reportedById"`;

function incidentFact(row: IncidentRow, timeZone: string): IncidentFact {
  return {
    id: row.id,
    reference: referenceOf(Number(row.number)),
    kind: kindFromDb(row.kind),
    storeId: row.storeId,
    terminalId: row.terminalId,
    tid: row.tid,
    reportedById: row.reportedById,
    reporterName: row.reporterName,
    occurredAt: new Date(row.occurredAt),
    localAt: wallClock(new Date(row.occurredAt), timeZone),
    amountMinor: row.amountMinor === null ? null : Number(row.amountMinor),
    currency: row.currency,
  };
}

/** Newest first by (createdAt, id), as one list from several that each are. */
function newestIncidents(lists: IncidentRow[][], take: number): IncidentRow[] {
  const at = (row: IncidentRow) => new Date(row.createdAt).getTime();
  return lists
    .flat()
    .sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, take);
}

/** What every part reads first: the merchant's zone and its local date now. */
export interface FactContext {
  merchantId: string;
  rules: readonly AlertRuleSettings[];
  now: Date;
  withLines: boolean;
  timeZone: string;
  today: string;
}

export async function loadFactContext(
  tx: Tx,
  {
    merchantId,
    rules,
    now,
    withLines,
  }: { merchantId: string; rules: readonly AlertRuleSettings[]; now: Date; withLines: boolean },
): Promise<FactContext> {
  const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { timeZone: true } });
  const timeZone = merchant.timeZone;
  const today = wallClock(now, timeZone).slice(0, 10);
  return { merchantId, rules, now, withLines, timeZone, today };
}

/** One read of the facts: the rules it serves fill their part of the facts (bench:alerts times each). */
export interface FactPart {
  name: string;
  load: (tx: Tx, context: FactContext, facts: AlertFacts) => Promise<void>;
}

export const FACT_PARTS: readonly FactPart[] = [
  { name: "streak and burst: incidents", load: loadStreakIncidents },
  { name: "streak and burst: POS lines", load: loadStreakLines },
  { name: "reconciliation: open exceptions and their lines", load: loadExceptions },
  { name: "amount outlier: recent incidents and their stores' amounts", load: loadOutliers },
  { name: "store spike: weekly counts per store", load: loadStoreWeeks },
  { name: "unsigned rate: sales and unsigned per operator (after an import)", load: loadOperatorRates },
];

export function emptyFacts(today: string): AlertFacts {
  return {
    today,
    storeNames: new Map(),
    incidents: [],
    lines: [],
    exceptions: [],
    outlierRecent: [],
    outlierSamples: new Map(),
    storeWeeks: [],
    operators: [],
  };
}

export async function loadAlertFacts(
  tx: Tx,
  input: { merchantId: string; rules: readonly AlertRuleSettings[]; now: Date; withLines: boolean },
): Promise<AlertFacts> {
  const context = await loadFactContext(tx, input);
  const facts = emptyFacts(context.today);
  // Each part fills its own facts: on PostgreSQL they run side by side on the pool's connections
  // (SQLite's one connection takes them in turn).
  await Promise.all(FACT_PARTS.map((part) => part.load(tx, context, facts)));
  return facts;
}

/** The window the streak and burst rules share (the longer of the two). */
function streakWindow({ rules }: FactContext) {
  const streak = enabled(rules, "unsigned_streak");
  const burst = enabled(rules, "decline_burst");
  const kinds = [...(streak ? (["unsigned_slip"] as const) : []), ...(burst ? (["pin_error"] as const) : [])];
  const categories = [...(streak ? ["unsigned"] : []), ...(burst ? ["declined"] : [])];
  const days = Math.max(streak?.params.days ?? 0, burst ? BURST_LOOKBACK_DAYS : 0);
  return { kinds, categories, days };
}

/**
 * The streak and burst rules' incidents of the window, newest first: one walk per kind along
 * (merchantId, kind, createdAt, id) — a single query with both kinds walked the merchant's every
 * incident of the window along (merchantId, createdAt, id) instead.
 */
export function streakIncidentsSql({
  merchantId,
  kind,
  since,
  take,
}: {
  merchantId: string;
  kind: IncidentKind;
  since: Date;
  take: number;
}): Prisma.Sql {
  // An incident is logged after it happened: occurredAt ≥ since implies createdAt ≥ since.
  return Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident" i ${INCIDENT_JOINS}
    WHERE i."merchantId" = ${merchantId} AND i."kind" = ${kindSql(kind)} AND i."createdAt" >= ${timestampSql(since)}
      AND i."drill" = FALSE AND i."occurredAt" >= ${timestampSql(since)}
    ORDER BY i."createdAt" DESC, i."id" DESC
    LIMIT ${take}`;
}

async function loadStreakIncidents(tx: Tx, context: FactContext, facts: AlertFacts): Promise<void> {
  const { merchantId, now, timeZone } = context;
  const { kinds, days } = streakWindow(context);
  if (kinds.length === 0) return;
  const since = new Date(now.getTime() - days * DAY_MS);
  const lists: IncidentRow[][] = [];
  for (const kind of kinds) {
    lists.push(await tx.$queryRaw<IncidentRow[]>(streakIncidentsSql({ merchantId, kind, since, take: MAX_INCIDENTS })));
  }
  // Each kind's own newest MAX_INCIDENTS: cut together, a chain's week (5,754 of the two kinds)
  // lost its oldest 750 and a streak among them went unseen.
  facts.incidents = newestIncidents(lists, MAX_INCIDENTS * kinds.length).map((row) => incidentFact(row, timeZone));
}

/**
 * The streak and burst rules' POS lines of the window (days from…to), newest first: one walk per
 * category along (merchantId, category, day) — with both categories SQLite walked
 * (merchantId, source, day), every line of the window.
 */
export function streakLinesSql({
  merchantId,
  category,
  from,
  to,
  take,
}: {
  merchantId: string;
  category: string;
  from: string;
  to: string;
  take: number;
}): Prisma.Sql {
  return Prisma.sql`SELECT ${LINE_COLUMNS} FROM "ReconLine"
    WHERE "merchantId" = ${merchantId} AND "category" = ${category} AND "day" >= ${from} AND "day" <= ${to}
      AND "source" = 'pos'
    ORDER BY "day" DESC, "id" DESC
    LIMIT ${take}`;
}

async function loadStreakLines(tx: Tx, context: FactContext, facts: AlertFacts): Promise<void> {
  const { merchantId, today } = context;
  const { categories, days } = streakWindow(context);
  if (categories.length === 0) return;
  const from = addDays(today, -(days - 1));
  const lines: LineRow[] = [];
  for (const category of categories) {
    lines.push(
      ...(await tx.$queryRaw<LineRow[]>(streakLinesSql({ merchantId, category, from, to: today, take: MAX_LINES }))),
    );
  }
  lines.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : Number(b.id) - Number(a.id)));
  facts.lines = lines.map(lineFact);
}

async function loadExceptions(tx: Tx, { merchantId, rules }: FactContext, facts: AlertFacts): Promise<void> {
  const reconciliation = enabled(rules, "reconciliation");
  if (!reconciliation || reconciliation.params.categories.length === 0) return;
  const rows = await tx.reconException.findMany({
    where: { merchantId, status: "open", category: { in: reconciliation.params.categories } },
    select: {
      id: true,
      key: true,
      category: true,
      storeId: true,
      tid: true,
      day: true,
      amountMinor: true,
      currency: true,
      status: true,
    },
    orderBy: [{ day: "desc" }, { id: "desc" }],
    take: MAX_EXCEPTIONS,
  });
  const lineRows = rows.length
    ? await tx.reconLine.findMany({
        where: { merchantId, exceptionId: { in: rows.map((row) => row.id) } },
        select: { ...lineSelect, exceptionId: true },
        orderBy: { id: "asc" },
        take: MAX_LINES,
      })
    : [];
  const linesOf = new Map<string, EvidenceLine[]>();
  for (const line of lineRows) {
    if (!line.exceptionId) continue;
    const list = linesOf.get(line.exceptionId) ?? [];
    const { id, tid, txAt, cardMasked, currency } = line;
    list.push({ id, tid, txAt, cardMasked, currency, amountMinor: line.amountMinor.toString() });
    linesOf.set(line.exceptionId, list);
  }
  facts.exceptions = rows.map((row) => ({
    ...row,
    amountMinor: row.amountMinor.toString(),
    lines: linesOf.get(row.id) ?? [],
  }));
}

/**
 * Each store's newest real amounts since the day given, at most `take` a store: one walk per store
 * along (storeId, drill, createdAt, id, occurredAt, amountMinor), the index alone, all in one
 * statement. Through (storeId, createdAt, id) each amount was a read of the table: 50 stores'
 * 20,000 amounts took 0.15–0.25 s on SQLite at a million incidents (50 queries, 0.7 s).
 */
export function storeAmountsSql({
  storeIds,
  since,
  take,
}: {
  storeIds: readonly string[];
  since: Date;
  take: number;
}): Prisma.Sql {
  return Prisma.join(
    storeIds.map(
      (storeId, index) => Prisma.sql`SELECT * FROM (SELECT "storeId", "amountMinor" FROM "Incident"
        WHERE "storeId" = ${storeId} AND "drill" = FALSE AND "createdAt" >= ${timestampSql(since)}
          AND "occurredAt" >= ${timestampSql(since)} AND "amountMinor" IS NOT NULL
        ORDER BY "createdAt" DESC, "id" DESC
        LIMIT ${take}) AS ${Prisma.raw(`"store${index}"`)}`,
    ),
    " UNION ALL ",
  );
}

async function loadOutliers(
  tx: Tx,
  { merchantId, rules, now, timeZone }: FactContext,
  facts: AlertFacts,
): Promise<void> {
  const outlier = enabled(rules, "amount_outlier");
  if (!outlier) return;
  const recent = await tx.$queryRaw<IncidentRow[]>`SELECT ${INCIDENT_COLUMNS} FROM "Incident" i ${INCIDENT_JOINS}
    WHERE i."merchantId" = ${merchantId} AND i."createdAt" >= ${timestampSql(new Date(now.getTime() - OUTLIER_RECENT_MS))}
      AND i."drill" = FALSE AND i."amountMinor" IS NOT NULL
    ORDER BY i."createdAt" DESC, i."id" DESC
    LIMIT ${MAX_OUTLIER_RECENT}`;
  facts.outlierRecent = recent.map((row) => incidentFact(row, timeZone));
  const storeIds = [...new Set(recent.map((row) => row.storeId))].slice(0, MAX_OUTLIER_STORES);
  if (storeIds.length === 0) return;
  const amounts = await tx.$queryRaw<{ storeId: string; amountMinor: number | bigint }[]>(
    storeAmountsSql({
      storeIds,
      since: new Date(now.getTime() - outlier.params.days * DAY_MS),
      take: MAX_SAMPLES_PER_STORE,
    }),
  );
  for (const storeId of storeIds) facts.outlierSamples.set(storeId, []);
  for (const row of amounts) facts.outlierSamples.get(row.storeId)?.push(Number(row.amountMinor));
}

/**
 * Each store's incidents in each of the spike rule's weeks (0: the last 7 days, then the W before),
 * counted along (storeId, occurredAt) from the index alone, one range per store and week; the
 * drills (few) counted along (merchantId, drill, occurredAt, storeId) and taken off. Grouping the
 * merchant's incidents of the weeks by store and week sorted 170,000 index entries at a million
 * incidents (0.2–0.3 s on SQLite); each range counted is 4 ms for all 500 stores.
 */
export function storeWeekCountsSql({
  merchantId,
  bounds,
  drill,
}: {
  merchantId: string;
  /** now, then the start of each week: bounds[k + 1] ≤ occurredAt < bounds[k] is week k. */
  bounds: readonly Date[];
  drill: boolean;
}): Prisma.Sql {
  if (drill) {
    return Prisma.sql`SELECT "storeId", "occurredAt" FROM "Incident"
      WHERE "merchantId" = ${merchantId} AND "drill" = TRUE
        AND "occurredAt" >= ${timestampSql(bounds[bounds.length - 1])} AND "occurredAt" < ${timestampSql(bounds[0])}`;
  }
  const weeks = bounds.slice(1).map(
    (start, index) => Prisma.sql`(SELECT COUNT(*) FROM "Incident" i
      WHERE i."storeId" = s."id" AND i."occurredAt" >= ${timestampSql(start)}
        AND i."occurredAt" < ${timestampSql(bounds[index])}) AS ${Prisma.raw(`"week${index}"`)}`,
  );
  return Prisma.sql`SELECT s."id" AS "storeId", ${Prisma.join(weeks)} FROM "Store" s WHERE s."merchantId" = ${merchantId}`;
}

async function loadStoreWeeks(tx: Tx, { merchantId, rules, now }: FactContext, facts: AlertFacts): Promise<void> {
  const spike = enabled(rules, "store_spike");
  if (!spike) return;
  const bounds = Array.from(
    { length: spike.params.weeks + 2 },
    (_, index) => new Date(now.getTime() - index * 7 * DAY_MS),
  );
  const rows = await tx.$queryRaw<Record<string, string | number | bigint>[]>(
    storeWeekCountsSql({ merchantId, bounds, drill: false }),
  );
  const counts = new Map(
    rows.map((row) => [String(row.storeId), bounds.slice(1).map((_, week) => Number(row[`week${week}`]))]),
  );
  const drills = await tx.$queryRaw<{ storeId: string; occurredAt: Date }[]>(
    storeWeekCountsSql({ merchantId, bounds, drill: true }),
  );
  for (const drill of drills) {
    const at = new Date(drill.occurredAt).getTime();
    const week = bounds.findIndex((bound, index) => index > 0 && at >= bound.getTime()) - 1;
    const weeks = counts.get(drill.storeId);
    if (weeks && week >= 0) weeks[week]--;
  }
  const flagged: StoreWeeks[] = [];
  for (const [storeId, [count, ...weeks]] of counts) {
    // Only a store the rule will name has its week's incidents read (the evidence).
    if (count === 0 || count < spike.params.minCount || count < spike.params.factor * median(weeks)) continue;
    const recent = await tx.incident.findMany({
      where: { storeId, drill: false, occurredAt: { gte: bounds[1], lt: now } },
      select: { id: true, number: true },
      orderBy: { occurredAt: "desc" },
      take: 50,
    });
    flagged.push({
      storeId,
      storeName: storeId,
      thisWeek: count,
      baseline: weeks,
      incidents: recent.map((row) => ({ id: row.id, reference: referenceOf(row.number) })),
    });
  }
  await readStoreNames(
    tx,
    merchantId,
    flagged.map((store) => store.storeId),
    facts.storeNames,
  );
  facts.storeWeeks = flagged.map((store) => ({
    ...store,
    storeName: facts.storeNames.get(store.storeId) ?? store.storeId,
  }));
}

/** The names of these stores (those an alert will name), added to `names`. */
export async function readStoreNames(
  tx: Tx,
  merchantId: string,
  storeIds: readonly string[],
  names: Map<string, string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(storeIds)].filter((id) => !names.has(id));
  for (let index = 0; index < wanted.length; index += 500) {
    const stores = await tx.store.findMany({
      where: { merchantId, id: { in: wanted.slice(index, index + 500) } },
      select: { id: true, name: true },
    });
    for (const store of stores) names.set(store.id, store.name);
  }
  return names;
}

async function loadOperatorRates(
  tx: Tx,
  { merchantId, rules, withLines, today }: FactContext,
  facts: AlertFacts,
): Promise<void> {
  const rate = enabled(rules, "unsigned_rate");
  if (!rate || !withLines) return;
  const from = addDays(today, -(rate.params.days - 1));
  // Each store's operators from the dashboard's running totals of the journal (kept in every
  // import's publish transaction): two days of rows, not the D days' lines (1.7 million, 1–1.3 s).
  const byOperator = new Map<string, { storeId: string; operator: string; sales: number; unsigned: number }>();
  for (const row of await readLineTotals(tx, { merchantId, from, to: today })) {
    if (!row.operator) continue;
    const key = `${row.storeId}\u0000${row.operator}`;
    const found = byOperator.get(key) ?? { storeId: row.storeId, operator: row.operator, sales: 0, unsigned: 0 };
    found.sales += row.sales;
    found.unsigned += row.unsigned;
    byOperator.set(key, found);
  }
  const over = [...byOperator.values()].filter(
    (row) =>
      row.sales >= rate.params.minSales &&
      row.unsigned > 0 &&
      perThousand(row.unsigned, row.sales) > rate.params.perThousand,
  );
  if (over.length === 0) return;
  // Their evidence: the window's unsigned lines in one walk of (merchantId, category, day), newest
  // first, grouped here (a query per operator was 0.6 s for a chain's 577 over the threshold).
  const evidence = new Map<string, EvidenceLine[]>();
  const unsignedLines = await tx.$queryRaw<LineRow[]>(
    streakLinesSql({ merchantId, category: "unsigned", from, to: today, take: MAX_LINES }),
  );
  for (const line of unsignedLines) {
    if (!line.operator) continue;
    const key = `${line.storeId ?? ""}\u0000${line.operator}`;
    const list = evidence.get(key) ?? [];
    if (list.length >= MAX_RATE_EVIDENCE) continue;
    const { id, tid, txAt, amountMinor, currency, cardMasked } = lineFact(line);
    list.push({ id, tid, txAt, amountMinor, currency, cardMasked });
    evidence.set(key, list);
  }
  for (const row of over) {
    facts.operators.push({
      operator: row.operator,
      storeId: row.storeId === "" ? null : row.storeId,
      sales: row.sales,
      unsigned: row.unsigned,
      unsignedLines: evidence.get(`${row.storeId}\u0000${row.operator}`) ?? [],
    });
  }
}

const lineSelect = {
  id: true,
  storeId: true,
  tid: true,
  operator: true,
  txAt: true,
  day: true,
  category: true,
  amountMinor: true,
  currency: true,
  cardMasked: true,
} as const;

const LINE_COLUMNS = Prisma.sql`"id", "storeId", "tid", "operator", "txAt", "day", "category", "amountMinor", "currency", "cardMasked"`;

type LineRow = {
  id: number;
  storeId: string | null;
  tid: string | null;
  operator: string | null;
  txAt: string | null;
  day: string;
  category: string;
  amountMinor: bigint | number;
  currency: string;
  cardMasked: string | null;
};

function lineFact(row: LineRow): LineFact {
  return { ...row, id: Number(row.id), amountMinor: row.amountMinor.toString() };
}
