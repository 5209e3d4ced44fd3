// Issue 10's alert evaluation at a chain's scale (npm run bench:alerts): the reads of
// lib/alerts/load-facts.ts each walk their own index (the query plans, on SQLite and PostgreSQL),
// the store-spike counts and the outlier samples come out as the rules define them (drills never
// count, each week's bounds, the newest amounts of each store), and a chain's thousand-odd
// candidates are compared with its alerts in queries short enough to run.
import { beforeAll, describe, expect, test } from "vitest";
import { comparePlan, KEYS_PER_QUERY } from "@/lib/alerts/evaluate";
import {
  emptyFacts,
  FACT_PARTS,
  loadFactContext,
  storeAmountsSql,
  storeWeekCountsSql,
  streakIncidentsSql,
  streakLinesSql,
} from "@/lib/alerts/load-facts";
import { type AlertRuleSettings, defaultRule } from "@/lib/alerts/rule-settings";
import type { AlertCandidate } from "@/lib/alerts/types";
import { databaseProvider, prisma } from "@/lib/db/client";
import { explain } from "@/tests/helpers/query-plan";

const DAY_MS = 86_400_000;
/** Far after the demo data: only this file's incidents are in the rules' windows. */
const NOW = new Date("2031-03-15T12:00:00.000Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

let merchantId: string;
let storeA: string;
let storeB: string;
let storeC: string;
let number = 900_000;

async function incident(data: { storeId: string; occurredAt: Date; drill?: boolean; amountMinor?: number | null }) {
  const terminal = await prisma.terminal.findFirstOrThrow({ where: { storeId: data.storeId } });
  const drillFor = data.drill ? await prisma.user.findFirstOrThrow({ select: { id: true } }) : null;
  return prisma.incident.create({
    data: {
      merchantId,
      storeId: data.storeId,
      terminalId: terminal.id,
      number: ++number,
      kind: "WRONG_AMOUNT",
      occurredAt: data.occurredAt,
      // Logged an hour after it happened (never after NOW).
      createdAt: new Date(Math.min(data.occurredAt.getTime() + 3_600_000, NOW.getTime() - 1)),
      dueAt: new Date(data.occurredAt.getTime() + DAY_MS),
      amountMinor: data.amountMinor === undefined ? 10_000 : data.amountMinor,
      currency: "CNY",
      drill: data.drill ?? false,
      drillForId: drillFor?.id ?? null,
    },
    select: { id: true, number: true, occurredAt: true },
  });
}

beforeAll(async () => {
  const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
  merchantId = merchant.id;
  const stores = await prisma.store.findMany({
    where: { merchantId, terminals: { some: {} } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  [storeA, storeB] = stores.map((store) => store.id);
  // A store of this file's own (the samples test), with a terminal.
  const store = await prisma.store.create({ data: { merchantId, name: "Alert scale store" }, select: { id: true } });
  storeC = store.id;
  await prisma.terminal.create({ data: { merchantId, storeId: storeC, tid: "T-ALERT-SCALE" } });
});

function onlyRule(type: AlertRuleSettings["type"]): AlertRuleSettings[] {
  return [{ ...defaultRule(type) } as AlertRuleSettings];
}

async function loadPart(name: string, rules: AlertRuleSettings[]) {
  const context = await loadFactContext(prisma, { merchantId, rules, now: NOW, withLines: false });
  const facts = emptyFacts(context.today);
  const part = FACT_PARTS.find((each) => each.name.startsWith(name));
  if (!part) throw new Error(`no fact part ${name}`);
  await part.load(prisma, context, facts);
  return facts;
}

describe("the store spike's weekly counts", () => {
  test("each store's incidents per 7-day week ending now, drills left out, bounds as the rule defines them", async () => {
    // Store A: six real incidents this week (one exactly 7 days back: the week's first instant)
    // and two drills; one a week in the eight weeks before, and a drill in one of them.
    const thisWeek = [];
    for (const days of [7, 6, 3, 2, 1, 0.01])
      thisWeek.push(await incident({ storeId: storeA, occurredAt: daysBefore(days) }));
    await incident({ storeId: storeA, occurredAt: daysBefore(2), drill: true });
    await incident({ storeId: storeA, occurredAt: daysBefore(0.5), drill: true });
    for (let week = 1; week <= 8; week++) await incident({ storeId: storeA, occurredAt: daysBefore(week * 7 + 3) });
    await incident({ storeId: storeA, occurredAt: daysBefore(10), drill: true });
    // Neither at NOW itself (the week ends before it) nor before the ninth week counts.
    await incident({ storeId: storeA, occurredAt: NOW });
    await incident({ storeId: storeA, occurredAt: daysBefore(63.5) });
    // Store B: one incident this week, far under the minimum.
    await incident({ storeId: storeB, occurredAt: daysBefore(1) });

    const facts = await loadPart("store spike", onlyRule("store_spike"));
    expect(facts.storeWeeks).toHaveLength(1);
    const [spike] = facts.storeWeeks;
    expect(spike).toMatchObject({ storeId: storeA, thisWeek: 6, baseline: [1, 1, 1, 1, 1, 1, 1, 1] });
    const store = await prisma.store.findUniqueOrThrow({ where: { id: storeA }, select: { name: true } });
    expect(spike.storeName).toBe(store.name);
    expect(spike.incidents.map((each) => each.id)).toEqual(
      [...thisWeek].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime()).map((each) => each.id),
    );
  });
});

describe("the amount outlier's samples", () => {
  test("each store's newest real amounts of the window, at most the cap a store", async () => {
    const since = daysBefore(200);
    const amounts = [101, 102, 103, 104, 105];
    for (const [index, amountMinor] of amounts.entries()) {
      await incident({ storeId: storeC, occurredAt: daysBefore(150 - index), amountMinor });
    }
    await incident({ storeId: storeC, occurredAt: daysBefore(140), amountMinor: 999, drill: true });
    await incident({ storeId: storeC, occurredAt: daysBefore(139), amountMinor: null });
    await incident({ storeId: storeC, occurredAt: daysBefore(201), amountMinor: 777 });
    const rows = await prisma.$queryRaw<{ storeId: string; amountMinor: number | bigint }[]>(
      storeAmountsSql({ storeIds: [storeC], since, take: 3 }),
    );
    // Newest first: the last three logged, never the drill, the empty one or the one too old.
    expect(rows.map((row) => Number(row.amountMinor)).sort((a, b) => a - b)).toEqual([103, 104, 105]);
    expect(new Set(rows.map((row) => row.storeId))).toEqual(new Set([storeC]));
  });
});

describe("comparing a chain's candidates with its alerts", () => {
  test("more candidates than one query's parameters: the open ones updated, the rest to raise", async () => {
    const count = KEYS_PER_QUERY * 2 + 200;
    const candidates: AlertCandidate[] = Array.from({ length: count }, (_, index) => ({
      ruleType: "unsigned_streak",
      conditionKey: `unsigned_streak:terminal:T-SCALE-${index}`,
      storeId: null,
      subject: { type: "terminal", id: `T-SCALE-${index}`, label: `T-SCALE-${index}` },
      cashierId: null,
      evidence: { incidents: [{ id: `inc-${index}`, reference: "INC-1" }], lines: [], figures: { count: 3 } },
    }));
    // The last candidate's alert is open with other evidence (it gains the new item); the one before
    // is open with the same (nothing to write); the third from last was resolved with the same.
    const alert = (index: number, status: string, evidenceId: string) => ({
      merchantId,
      ruleType: "unsigned_streak",
      subjectType: "terminal",
      subjectId: `T-SCALE-${index}`,
      subjectLabel: `T-SCALE-${index}`,
      status,
      conditionKey: `unsigned_streak:terminal:T-SCALE-${index}`,
      openKey: status === "resolved" ? null : `unsigned_streak:terminal:T-SCALE-${index}`,
      evidence: JSON.stringify({ incidents: [{ id: evidenceId, reference: "INC-1" }], lines: [], figures: {} }),
    });
    await prisma.alert.createMany({
      data: [
        alert(count - 1, "open", "inc-older"),
        alert(count - 2, "open", `inc-${count - 2}`),
        alert(count - 3, "resolved", `inc-${count - 3}`),
      ],
    });
    const { updates, fresh } = await comparePlan(prisma, merchantId, candidates);
    expect(updates.map((update) => update.openKey)).toEqual([`unsigned_streak:terminal:T-SCALE-${count - 1}`]);
    expect(updates[0].evidence.incidents.map((each) => each.id)).toEqual([`inc-${count - 1}`, "inc-older"]);
    expect(fresh).toHaveLength(count - 3);
    expect(fresh.map((candidate) => candidate.conditionKey)).not.toContain(
      `unsigned_streak:terminal:T-SCALE-${count - 3}`,
    );
  });
});

describe("each read walks its own index", () => {
  test("the streak's incidents of one kind: (merchantId, kind, createdAt, id), in order", async () => {
    const plan = await explain(
      streakIncidentsSql({ merchantId, kind: "unsigned_slip", since: daysBefore(7), take: 5_000 }),
    );
    expect(plan).toMatch(/Incident_merchantId_kind_createdAt_id_idx/);
    if (databaseProvider === "sqlite") expect(plan).not.toMatch(/TEMP B-TREE/);
    else expect(plan).not.toMatch(/\bSort\b/);
  });

  test("the streak's POS lines of one category: (merchantId, category, day), in order", async () => {
    const plan = await explain(
      streakLinesSql({ merchantId, category: "unsigned", from: "2031-03-09", to: "2031-03-15", take: 20_000 }),
    );
    expect(plan).toMatch(/ReconLine_merchantId_category_day_idx/);
    if (databaseProvider === "sqlite") expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  test("a store's amounts: from the index alone, newest first", async () => {
    const plan = await explain(storeAmountsSql({ storeIds: [storeA, storeB], since: daysBefore(90), take: 1_000 }));
    if (databaseProvider === "sqlite") {
      expect(plan).toMatch(/COVERING INDEX Incident_alert_amounts_idx/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      // On a test database's few rows PostgreSQL may walk (storeId, createdAt, id) instead: never a
      // scan of the table or a sort.
      expect(plan).not.toMatch(/Seq Scan|\bSort\b/);
    }
  });

  test("a store's weeks: ranges of (storeId, occurredAt) from the index alone, no grouping sort", async () => {
    const bounds = Array.from({ length: 10 }, (_, index) => daysBefore(index * 7));
    const plan = await explain(storeWeekCountsSql({ merchantId, bounds, drill: false }));
    if (databaseProvider === "sqlite") {
      expect(plan).toMatch(/COVERING INDEX Incident_storeId_occurredAt_idx/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      // Each range an index scan of the store's incidents (PostgreSQL picks among those that lead
      // with storeId by their size): never a scan of the table or a sort.
      expect(plan).toMatch(/Index Only Scan using "?Incident_(storeId_occurredAt|alert_amounts)_idx/);
      expect(plan).not.toMatch(/Seq Scan on "Incident"|\bSort\b/);
    }
  });
});

// Last: its 5,000 rows (then deleted) would change the plans the tests above hold.
describe("the streak and burst rules' incidents", () => {
  test("each kind keeps its own newest 5,000: a week of PIN errors does not push out its unsigned slips", async () => {
    // Three unsigned slips early in the week, then 5,000 PIN errors after them. Cut together to
    // the newest 5,000, the slips were dropped and the streak went unseen (a chain's week holds
    // 5,754 of the two kinds).
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { storeId: storeA } });
    const firstNumber = number + 1;
    const row = (kind: "UNSIGNED_SLIP" | "PIN_ERROR", at: Date) => ({
      merchantId,
      storeId: storeA,
      terminalId: terminal.id,
      number: ++number,
      kind,
      occurredAt: at,
      createdAt: at,
      dueAt: new Date(at.getTime() + DAY_MS),
      currency: "CNY",
    });
    const slips = [6, 5.9, 5.8].map((days) => row("UNSIGNED_SLIP", daysBefore(days)));
    const errors = Array.from({ length: 5_000 }, (_, i) => row("PIN_ERROR", daysBefore(5 - i / 1_500)));
    await prisma.incident.createMany({ data: slips });
    for (let start = 0; start < errors.length; start += 1_000) {
      await prisma.incident.createMany({ data: errors.slice(start, start + 1_000) });
    }
    const facts = await loadPart("streak and burst: incidents", [
      ...onlyRule("unsigned_streak"),
      ...onlyRule("decline_burst"),
    ]);
    const kinds = (kind: string) => facts.incidents.filter((incident) => incident.kind === kind).length;
    expect(kinds("unsigned_slip")).toBe(3);
    expect(kinds("pin_error")).toBe(5_000);
    await prisma.incident.deleteMany({ where: { merchantId, number: { gte: firstNumber, lte: number } } });
  });
});
