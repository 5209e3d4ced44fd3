// What the alert rules read, in bounded queries: each walks an index over a recent window and takes
// at most a fixed number of rows, so a merchant with a million incidents and five million lines costs
// what its last days cost. Drills never count (drill = false in every incident query); staged lines
// are never read (their category is "staged").
//   incidents of the streak and burst rules: (merchantId, kind, createdAt, id), the last D days
//   lines of the streak and burst rules: (merchantId, category, day), unsigned/declined of D days
//   reconciliation: (merchantId, status, category, day), open exceptions, their lines by exceptionId
//   amount outlier: (merchantId, createdAt, id) for the last day's incidents, (storeId, createdAt, id)
//     for each of their stores' last amounts
//   store spike: (merchantId, drill, occurredAt, storeId), one count per store per week, index only
//   unsigned rate (after an import only): (merchantId, source, day), the POS lines of D days per operator
import "server-only";
import { median } from "@/lib/alerts/robust-z";
import type { AlertRuleSettings, AlertRuleSettingsOf } from "@/lib/alerts/rule-settings";
import type { ExceptionFact } from "@/lib/alerts/rules/reconciliation";
import type { StoreWeeks } from "@/lib/alerts/rules/store-spike";
import type { OperatorSales } from "@/lib/alerts/rules/unsigned-rate";
import type { EvidenceLine, IncidentFact, LineFact } from "@/lib/alerts/types";
import type { Tx } from "@/lib/db/client";
import { kindFromDb, kindToDb } from "@/lib/incidents/codec";
import { referenceOf } from "@/lib/incidents/serialize";
import { addDays } from "@/lib/reconciliation/match/local-time";

const DAY_MS = 86_400_000;
/** Most rows any one read takes (the newest). */
const MAX_INCIDENTS = 5_000;
const MAX_LINES = 20_000;
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
  storeNames: Map<string, string>;
  incidents: IncidentFact[];
  lines: LineFact[];
  exceptions: ExceptionFact[];
  outlierRecent: IncidentFact[];
  outlierSamples: Map<string, number[]>;
  storeWeeks: StoreWeeks[];
  operators: OperatorSales[];
}

/** "YYYY-MM-DD HH:MM:SS" of an instant on the zone's wall clock. */
export function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

function enabled<Type extends AlertRuleSettings["type"]>(
  rules: readonly AlertRuleSettings[],
  type: Type,
): AlertRuleSettingsOf<Type> | null {
  const rule = rules.find((each) => each.type === type);
  return rule?.enabled ? (rule as AlertRuleSettingsOf<Type>) : null;
}

const incidentSelect = {
  id: true,
  number: true,
  kind: true,
  storeId: true,
  terminalId: true,
  reportedById: true,
  occurredAt: true,
  amountMinor: true,
  currency: true,
  terminal: { select: { tid: true } },
  reportedBy: { select: { name: true } },
} as const;

type IncidentRow = {
  id: string;
  number: number;
  kind: Parameters<typeof kindFromDb>[0];
  storeId: string;
  terminalId: string;
  reportedById: string | null;
  occurredAt: Date;
  amountMinor: number | null;
  currency: string;
  terminal: { tid: string };
  reportedBy: { name: string } | null;
};

function incidentFact(row: IncidentRow, timeZone: string): IncidentFact {
  return {
    id: row.id,
    reference: referenceOf(row.number),
    kind: kindFromDb(row.kind),
    storeId: row.storeId,
    terminalId: row.terminalId,
    tid: row.terminal.tid,
    reportedById: row.reportedById,
    reporterName: row.reportedBy?.name ?? null,
    occurredAt: row.occurredAt,
    localAt: wallClock(row.occurredAt, timeZone),
    amountMinor: row.amountMinor,
    currency: row.currency,
  };
}

export async function loadAlertFacts(
  tx: Tx,
  {
    merchantId,
    rules,
    now,
    withLines,
  }: { merchantId: string; rules: readonly AlertRuleSettings[]; now: Date; withLines: boolean },
): Promise<AlertFacts> {
  const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { timeZone: true } });
  const timeZone = merchant.timeZone;
  const today = wallClock(now, timeZone).slice(0, 10);
  const stores = await tx.store.findMany({ where: { merchantId }, select: { id: true, name: true } });
  const facts: AlertFacts = {
    today,
    storeNames: new Map(stores.map((store) => [store.id, store.name])),
    incidents: [],
    lines: [],
    exceptions: [],
    outlierRecent: [],
    outlierSamples: new Map(),
    storeWeeks: [],
    operators: [],
  };

  const streak = enabled(rules, "unsigned_streak");
  const burst = enabled(rules, "decline_burst");
  const kinds = [...(streak ? (["unsigned_slip"] as const) : []), ...(burst ? (["pin_error"] as const) : [])];
  const categories = [...(streak ? ["unsigned"] : []), ...(burst ? ["declined"] : [])];
  const days = Math.max(streak?.params.days ?? 0, burst ? BURST_LOOKBACK_DAYS : 0);
  if (kinds.length > 0) {
    const since = new Date(now.getTime() - days * DAY_MS);
    // An incident is logged after it happened: occurredAt ≥ since implies createdAt ≥ since.
    const rows = await tx.incident.findMany({
      where: {
        merchantId,
        drill: false,
        kind: { in: kinds.map(kindToDb) },
        createdAt: { gte: since },
        occurredAt: { gte: since },
      },
      select: incidentSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_INCIDENTS,
    });
    facts.incidents = rows.map((row) => incidentFact(row, timeZone));
    const lines = await tx.reconLine.findMany({
      where: {
        merchantId,
        source: "pos",
        category: { in: categories },
        day: { gte: addDays(today, -(days - 1)), lte: today },
      },
      select: lineSelect,
      orderBy: [{ day: "desc" }, { id: "desc" }],
      take: MAX_LINES,
    });
    facts.lines = lines.map(lineFact);
  }

  const reconciliation = enabled(rules, "reconciliation");
  if (reconciliation && reconciliation.params.categories.length > 0) {
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

  const outlier = enabled(rules, "amount_outlier");
  if (outlier) {
    const recent = await tx.incident.findMany({
      where: {
        merchantId,
        drill: false,
        createdAt: { gte: new Date(now.getTime() - OUTLIER_RECENT_MS) },
        amountMinor: { not: null },
      },
      select: incidentSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_OUTLIER_RECENT,
    });
    facts.outlierRecent = recent.map((row) => incidentFact(row, timeZone));
    const storeIds = [...new Set(recent.map((row) => row.storeId))].slice(0, MAX_OUTLIER_STORES);
    const since = new Date(now.getTime() - outlier.params.days * DAY_MS);
    for (const storeId of storeIds) {
      const amounts = await tx.incident.findMany({
        where: {
          storeId,
          drill: false,
          createdAt: { gte: since },
          occurredAt: { gte: since },
          amountMinor: { not: null },
        },
        select: { amountMinor: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MAX_SAMPLES_PER_STORE,
      });
      facts.outlierSamples.set(
        storeId,
        amounts.flatMap((row) => (row.amountMinor === null ? [] : [row.amountMinor])),
      );
    }
  }

  const spike = enabled(rules, "store_spike");
  if (spike) {
    const weekStart = (index: number) => new Date(now.getTime() - (index + 1) * 7 * DAY_MS);
    const counts = await Promise.all(
      Array.from({ length: spike.params.weeks + 1 }, (_, index) =>
        tx.incident.groupBy({
          by: ["storeId"],
          where: {
            merchantId,
            drill: false,
            occurredAt: { gte: weekStart(index), lt: index === 0 ? now : weekStart(index - 1) },
          },
          _count: { _all: true },
        }),
      ),
    );
    const [thisWeek, ...baseline] = counts.map((week) => new Map(week.map((row) => [row.storeId, row._count._all])));
    for (const [storeId, count] of thisWeek) {
      const weeks = baseline.map((week) => week.get(storeId) ?? 0);
      // Only a store the rule will name has its week's incidents read (the evidence).
      if (count < spike.params.minCount || count < spike.params.factor * median(weeks)) continue;
      const recent = await tx.incident.findMany({
        where: { storeId, drill: false, occurredAt: { gte: weekStart(0), lt: now } },
        select: { id: true, number: true },
        orderBy: { occurredAt: "desc" },
        take: 50,
      });
      facts.storeWeeks.push({
        storeId,
        storeName: facts.storeNames.get(storeId) ?? storeId,
        thisWeek: count,
        baseline: weeks,
        incidents: recent.map((row) => ({ id: row.id, reference: referenceOf(row.number) })),
      });
    }
  }

  const rate = enabled(rules, "unsigned_rate");
  if (rate && withLines) {
    const from = addDays(today, -(rate.params.days - 1));
    const rows = await tx.$queryRaw<{ operator: string; storeId: string | null; sales: unknown; unsigned: unknown }[]>`
      SELECT "operator", MAX("storeId") AS "storeId", COUNT(*) AS "sales",
        SUM(CASE WHEN "category" = 'unsigned' THEN 1 ELSE 0 END) AS "unsigned"
      FROM "ReconLine"
      WHERE "merchantId" = ${merchantId} AND "source" = 'pos' AND "day" >= ${from} AND "day" <= ${today}
        AND "txType" = 'sale' AND "approved" = TRUE AND "category" <> 'staged' AND "operator" IS NOT NULL
      GROUP BY "operator"`;
    for (const row of rows) {
      const sales = Number(row.sales);
      const unsigned = Number(row.unsigned ?? 0);
      if (sales < rate.params.minSales || unsigned === 0) continue;
      const lines = await tx.reconLine.findMany({
        where: {
          merchantId,
          source: "pos",
          category: "unsigned",
          day: { gte: from, lte: today },
          operator: row.operator,
        },
        select: lineSelect,
        orderBy: [{ day: "desc" }, { id: "desc" }],
        take: 20,
      });
      facts.operators.push({
        operator: row.operator,
        storeId: row.storeId,
        sales,
        unsigned,
        unsignedLines: lines.map((line) => {
          const { id, tid, txAt, amountMinor, currency, cardMasked } = lineFact(line);
          return { id, tid, txAt, amountMinor, currency, cardMasked };
        }),
      });
    }
  }
  return facts;
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

function lineFact(row: {
  id: number;
  storeId: string | null;
  tid: string | null;
  operator: string | null;
  txAt: string | null;
  day: string;
  category: string;
  amountMinor: bigint;
  currency: string;
  cardMasked: string | null;
}): LineFact {
  return { ...row, amountMinor: row.amountMinor.toString() };
}
