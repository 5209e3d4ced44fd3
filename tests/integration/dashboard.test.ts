// The risk dashboard (issue 10): every figure against a small chain worked out by hand — two
// stores in Asia/Shanghai, nine incidents (two of them drills), a POS journal of 120 lines run
// through the real import job — for every store (the summaries) and for one store (counted from
// the incidents), for admin and a supervisor; then GET /api/dashboard's roles, scoping and bad
// queries, and a fuzz of its query string that must never answer 5xx.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import type { Actor } from "@/lib/auth/actor";
import {
  getDashboard,
  readIncidentFigures,
  readTransactionFigures,
  resolveDashboardContext,
} from "@/lib/dashboard/get-dashboard";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/rbac/permissions";
import { dashboardSchema } from "@/lib/schemas/dashboard";
import { type DemoUser, jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { causeCounts, kindCounts } from "@/tests/helpers/dashboard-fixture";
import { csv, importFile, linesOf, SHORT_POS_HEADER } from "@/tests/integration/reconciliation-import-fixtures";

// 12:00 on 15 June in Shanghai (UTC+8).
const NOW = new Date("2026-06-15T04:00:00.000Z");
const PERIOD = { from: "2026-06-10", to: "2026-06-15" };
const at = (iso: string) => new Date(iso);

let merchantId: string;
let north: string;
let south: string;
const people: Record<"admin" | "finance" | "supervisor" | "cashier", Actor> = {} as never;

async function person(key: keyof typeof people, role: Role, storeIds: string[]) {
  const user = await prisma.user.create({
    data: { name: `Dash ${key}`, email: `dash-${key}@dash.test`, emailVerified: true },
  });
  await prisma.membership.create({
    data: {
      userId: user.id,
      merchantId,
      role,
      stores: { create: storeIds.map((storeId) => ({ storeId })) },
    },
  });
  people[key] = { userId: user.id, name: user.name, email: user.email, merchantId, role, storeIds };
}

let number = 0;
async function incident(data: {
  storeId: string;
  kind: "WRONG_AMOUNT" | "WRONG_CARD" | "PIN_ERROR" | "UNSIGNED_SLIP" | "DUPLICATE_CHARGE";
  status: "OPEN" | "IN_PROGRESS" | "CLOSED";
  occurredAt: Date;
  createdAt: Date;
  dueAt: Date;
  closedAt?: Date;
  causes?: string[];
  amountMinor?: number | null;
  currency?: string;
  lostMinor?: number;
  recoveredMinor?: number;
  drillForId?: string;
  reportedById?: string;
}) {
  const terminal = await prisma.terminal.findFirstOrThrow({ where: { storeId: data.storeId } });
  await prisma.incident.create({
    data: {
      merchantId,
      storeId: data.storeId,
      terminalId: terminal.id,
      number: ++number,
      kind: data.kind,
      status: data.status,
      occurredAt: data.occurredAt,
      createdAt: data.createdAt,
      dueAt: data.dueAt,
      closedAt: data.closedAt ?? null,
      resolution: data.status === "CLOSED" ? "NO_LOSS" : null,
      causes: data.causes ? JSON.stringify(data.causes) : null,
      amountMinor: data.amountMinor ?? null,
      currency: data.currency ?? "CNY",
      lostMinor: data.status === "CLOSED" ? (data.lostMinor ?? 0) : null,
      recoveredMinor: data.status === "CLOSED" ? (data.recoveredMinor ?? 0) : null,
      drill: data.drillForId !== undefined,
      drillForId: data.drillForId ?? null,
      reportedById: data.reportedById ?? null,
    },
  });
}

const POS_HEADER = [...SHORT_POS_HEADER, "是否签名", "原凭证号", "操作员"];
const D = "2026-06-12";

/** 100 lines on North's terminal, 20 an hour 09–13, five of 13:00's unsigned; 20 at 15:00 on South's. */
function journal(): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let trace = 0;
  const line = (
    time: string,
    tid: string,
    type: string,
    signed: string,
    status = "成功",
    card: string | null = null,
    amount?: string,
    orig: string | null = null,
  ) => {
    trace++;
    const t = String(trace).padStart(6, "0");
    rows.push([
      `${D} ${time}`,
      tid,
      card,
      type,
      amount ?? `${trace}.${String(trace % 100).padStart(2, "0")}`,
      `RD${t}`,
      t,
      "001",
      status,
      signed,
      orig,
      "01",
    ]);
    return t;
  };
  for (const hour of ["09", "10", "11", "12", "13"]) {
    for (let i = 0; i < 20; i++) {
      const unsigned = hour === "13" && i < 5;
      line(`${hour}:${String(i * 2).padStart(2, "0")}:00`, "DT000001", "消费", unsigned ? "否" : "是");
    }
  }
  line("15:00:00", "DT000002", "消费", "是", "失败"); // declined
  const original = line("15:02:00", "DT000002", "消费", "是"); // voided by the next line
  line("15:03:00", "DT000002", "撤销", "是", "成功", null, undefined, original);
  line("15:05:00", "DT000002", "退货", "是"); // a refund
  line("15:10:00", "DT000002", "消费", "是", "成功", "622202******0128", "77.00"); // charged …
  line("15:11:00", "DT000002", "消费", "是", "成功", "622202******0128", "77.00"); // … twice: a duplicate
  for (let i = 0; i < 14; i++) line(`15:${String(20 + i * 2).padStart(2, "0")}:00`, "DT000002", "消费", "是");
  return [POS_HEADER, ...rows];
}

beforeAll(async () => {
  const merchant = await prisma.merchant.create({ data: { name: "Dash Chain", timeZone: "Asia/Shanghai" } });
  merchantId = merchant.id;
  north = (await prisma.store.create({ data: { merchantId, name: "North" } })).id;
  south = (await prisma.store.create({ data: { merchantId, name: "South" } })).id;
  await prisma.terminal.create({ data: { merchantId, storeId: north, tid: "DT000001" } });
  await prisma.terminal.create({ data: { merchantId, storeId: south, tid: "DT000002" } });
  await person("admin", "ADMIN", []);
  await person("finance", "FINANCE", []);
  await person("supervisor", "SUPERVISOR", [north]);
  await person("cashier", "CASHIER", [north]);
  const cashier = people.cashier.userId;

  // I1 North: occurred 10 Jun 09:00, closed 2.0 h after it was logged.
  await incident({
    storeId: north,
    kind: "WRONG_AMOUNT",
    status: "CLOSED",
    occurredAt: at("2026-06-10T01:00:00Z"),
    createdAt: at("2026-06-10T01:10:00Z"),
    closedAt: at("2026-06-10T03:10:00Z"),
    dueAt: at("2026-06-10T15:00:00Z"),
    causes: ["distraction"],
    amountMinor: 10_000,
    recoveredMinor: 10_000,
    reportedById: cashier,
  });
  // I2 North: 00:30 on 11 Jun in Shanghai (still 10 Jun in UTC); closed 5 h 33 min later (5.5 h).
  await incident({
    storeId: north,
    kind: "WRONG_AMOUNT",
    status: "CLOSED",
    occurredAt: at("2026-06-10T16:30:00Z"),
    createdAt: at("2026-06-10T16:40:00Z"),
    closedAt: at("2026-06-10T22:13:00Z"),
    dueAt: at("2026-06-11T15:00:00Z"),
    causes: ["distraction", "time_pressure"],
    amountMinor: 5_000,
    lostMinor: 2_000,
    recoveredMinor: 3_000,
    reportedById: cashier,
  });
  // I3 South: 12 Jun, in dollars, closed 30 h 15 min later (the 30 h step).
  await incident({
    storeId: south,
    kind: "UNSIGNED_SLIP",
    status: "CLOSED",
    occurredAt: at("2026-06-12T06:00:00Z"),
    createdAt: at("2026-06-12T06:05:00Z"),
    closedAt: at("2026-06-13T12:20:00Z"),
    dueAt: at("2026-06-12T15:00:00Z"),
    causes: ["printer_fault"],
    amountMinor: 8_000,
    currency: "USD",
    recoveredMinor: 8_000,
    reportedById: cashier,
  });
  // I4 South: open, logged 25 h 50 min ago, past its due time.
  await incident({
    storeId: south,
    kind: "UNSIGNED_SLIP",
    status: "OPEN",
    occurredAt: at("2026-06-14T02:00:00Z"),
    createdAt: at("2026-06-14T02:10:00Z"),
    dueAt: at("2026-06-14T15:00:00Z"),
    amountMinor: 12_000,
    reportedById: cashier,
  });
  // I5 North: in progress, logged 3.5 h ago, not yet due, no amount.
  await incident({
    storeId: north,
    kind: "PIN_ERROR",
    status: "IN_PROGRESS",
    occurredAt: at("2026-06-15T00:00:00Z"),
    createdAt: at("2026-06-15T00:30:00Z"),
    dueAt: at("2026-06-16T00:00:00Z"),
    reportedById: cashier,
  });
  // I6 North: open since 1 May (before the period), overdue.
  await incident({
    storeId: north,
    kind: "WRONG_CARD",
    status: "OPEN",
    occurredAt: at("2026-05-01T01:00:00Z"),
    createdAt: at("2026-05-01T02:00:00Z"),
    dueAt: at("2026-05-02T00:00:00Z"),
    amountMinor: 3_000,
  });
  // I7 and I8: drills, which count nowhere (a closed one with money lost, an open one with an amount).
  await incident({
    storeId: north,
    kind: "WRONG_AMOUNT",
    status: "CLOSED",
    occurredAt: at("2026-06-12T02:00:00Z"),
    createdAt: at("2026-06-12T02:00:00Z"),
    closedAt: at("2026-06-12T03:00:00Z"),
    dueAt: at("2026-06-12T15:00:00Z"),
    causes: ["distraction"],
    amountMinor: 999,
    lostMinor: 999,
    drillForId: cashier,
  });
  await incident({
    storeId: south,
    kind: "UNSIGNED_SLIP",
    status: "OPEN",
    occurredAt: at("2026-06-14T01:00:00Z"),
    createdAt: at("2026-06-14T01:00:00Z"),
    dueAt: at("2026-06-14T02:00:00Z"),
    amountMinor: 50_000,
    drillForId: cashier,
  });
  // I9 South: occurred 9 Jun (before the period), closed 14 Jun after 122 h (the 120 h step), all lost.
  await incident({
    storeId: south,
    kind: "DUPLICATE_CHARGE",
    status: "CLOSED",
    occurredAt: at("2026-06-09T02:00:00Z"),
    createdAt: at("2026-06-09T02:00:00Z"),
    closedAt: at("2026-06-14T04:00:00Z"),
    dueAt: at("2026-06-10T02:00:00Z"),
    causes: ["network_drop"],
    amountMinor: 20_000,
    lostMinor: 20_000,
  });

  const done = await importFile({ merchantId, type: "pos_journal", content: csv(journal()) });
  expect(done.status).toBe("done");
  // The matcher's categories the rates count, as the journal was made to give them.
  const categories = [...(await linesOf(done.id)).values()].map((line) => line.category);
  expect(categories.filter((category) => category === "unsigned")).toHaveLength(5);
  expect(categories.filter((category) => category === "duplicate")).toHaveLength(1);
}, 120_000);

const zeroCounts = { unsigned: 0, declines: 0, duplicates: 0, voids: 0, refunds: 0 };
const northRates = { transactions: 100, sales: 100, counts: { ...zeroCounts, unsigned: 5 } };
const southRates = {
  transactions: 20,
  sales: 17,
  counts: { unsigned: 0, declines: 1, duplicates: 1, voids: 1, refunds: 1 },
};
const hour = (key: string, transactions: number, counts: typeof zeroCounts, outliers: string[] = []) => ({
  key,
  label: `${key}:00`,
  transactions,
  counts,
  outliers,
});

describe("the figures, worked out by hand", () => {
  test("admin, every store: incidents by kind, cause and day, open cases, money, time to close, rates", async () => {
    const dashboard = dashboardSchema.parse(await getDashboard({ actor: people.admin, query: PERIOD, now: NOW }));
    expect(dashboard.period).toEqual({ ...PERIOD, timeZone: "Asia/Shanghai", grain: "day" });
    expect(dashboard.stores).toEqual([
      { id: north, name: "North" },
      { id: south, name: "South" },
    ]);
    // I1–I5 occurred in the period (I6 and I9 before it; I7, I8 are drills).
    expect(dashboard.incidents.total).toBe(5);
    expect(dashboard.incidents.byKind).toEqual([
      { kind: "wrong_amount", count: 2 },
      { kind: "unsigned_slip", count: 2 },
      { kind: "pin_error", count: 1 },
    ]);
    expect(dashboard.incidents.byCause).toEqual([
      { cause: "distraction", count: 2 },
      { cause: "time_pressure", count: 1 },
      { cause: "printer_fault", count: 1 },
    ]);
    expect(dashboard.incidents.series).toEqual([
      { start: "2026-06-10", byKind: kindCounts({ wrong_amount: 1 }), byCause: causeCounts({ distraction: 1 }) },
      {
        start: "2026-06-11",
        byKind: kindCounts({ wrong_amount: 1 }),
        byCause: causeCounts({ distraction: 1, time_pressure: 1 }),
      },
      { start: "2026-06-12", byKind: kindCounts({ unsigned_slip: 1 }), byCause: causeCounts({ printer_fault: 1 }) },
      { start: "2026-06-13", byKind: kindCounts(), byCause: causeCounts() },
      { start: "2026-06-14", byKind: kindCounts({ unsigned_slip: 1 }), byCause: causeCounts() },
      { start: "2026-06-15", byKind: kindCounts({ pin_error: 1 }), byCause: causeCounts() },
    ]);
    // Open now: I4 (25 h old, overdue), I5 (3.5 h, not due), I6 (six weeks, overdue); not the drill I8.
    expect(dashboard.open).toEqual({
      total: 3,
      overdue: 2,
      byAge: [
        { bucket: "under1d", count: 1 },
        { bucket: "d1to3", count: 1 },
        { bucket: "d3to7", count: 0 },
        { bucket: "over7d", count: 1 },
      ],
    });
    // At risk: I4 + I6 (CNY); closed in the period: I1, I2, I9 (CNY) and I3 (USD).
    expect(dashboard.money).toEqual([
      { currency: "CNY", atRiskMinor: 15_000, lostMinor: 22_000, recoveredMinor: 13_000 },
      { currency: "USD", atRiskMinor: 0, lostMinor: 0, recoveredMinor: 8_000 },
    ]);
    // Nearest rank: of 2.0 and 5.5 h the median is the 1st, the 90th percentile the 2nd.
    expect(dashboard.timeToClose).toEqual([
      { kind: "wrong_amount", closed: 2, medianHours: 2, p90Hours: 5.5 },
      { kind: "unsigned_slip", closed: 1, medianHours: 30, p90Hours: 30 },
      { kind: "duplicate_charge", closed: 1, medianHours: 120, p90Hours: 120 },
    ]);

    const { transactions } = dashboard;
    expect(transactions.overall).toMatchObject({
      transactions: 120,
      sales: 117,
      counts: { unsigned: 5, declines: 1, duplicates: 1, voids: 1, refunds: 1 },
      // 5 / 120 · 1,000 = 41.67; 1 / 120 · 1,000 = 8.33
      perThousand: { unsigned: 41.7, declines: 8.3, duplicates: 8.3, voids: 8.3, refunds: 8.3 },
    });
    expect(transactions.byStore).toMatchObject([
      { key: north, label: "North", ...northRates, perThousand: { unsigned: 50, declines: 0 }, outliers: [] },
      { key: south, label: "South", ...southRates, perThousand: { unsigned: 0, refunds: 50 }, outliers: [] },
    ]);
    const terminals = await prisma.terminal.findMany({ where: { merchantId }, orderBy: { tid: "asc" } });
    expect(transactions.byTerminal).toMatchObject([
      { key: terminals[0].id, label: "DT000001", ...northRates },
      { key: terminals[1].id, label: "DT000002", ...southRates },
    ]);
    // Operator 01 of North and operator 01 of South are two people.
    expect(transactions.byOperator).toMatchObject([
      { key: `${north}:01`, label: "01", ...northRates },
      { key: `${south}:01`, label: "01", ...southRates },
    ]);
    // Six hours of 20 lines: 13:00's unsigned rate (250 ‰ against five zeros) has a robust z of
    // 0.25 / (1.2533 · 0.25 / 6) = 4.79 > 3.5; so have 15:00's declines, duplicates, voids, refunds.
    expect(transactions.byHour).toMatchObject([
      hour("09", 20, zeroCounts),
      hour("10", 20, zeroCounts),
      hour("11", 20, zeroCounts),
      hour("12", 20, zeroCounts),
      hour("13", 20, { ...zeroCounts, unsigned: 5 }, ["unsigned"]),
      hour("15", 20, southRates.counts, ["declines", "duplicates", "voids", "refunds"]),
    ]);
    expect(transactions.byHour[4].perThousand.unsigned).toBe(250);
    // The cashier logged two unsigned slips (I3, I4) and has no drill of that kind; wrong amounts
    // (I1, I2) they practised on 12 Jun (the drill I7); one PIN error is no pattern.
    expect(dashboard.trainingGaps).toEqual([
      { userId: people.cashier.userId, name: "Dash cashier", kind: "unsigned_slip", logged: 2, lastDrillAt: null },
    ]);
  });

  test("a supervisor sees their store only, and admin asking for that store sees the same", async () => {
    const mine = await getDashboard({ actor: people.supervisor, query: PERIOD, now: NOW });
    const asked = await getDashboard({ actor: people.admin, query: { ...PERIOD, storeId: [north] }, now: NOW });
    expect(asked).toEqual(mine);
    expect(mine.stores).toEqual([{ id: north, name: "North" }]);
    expect(mine.incidents.total).toBe(3);
    expect(mine.incidents.byKind).toEqual([
      { kind: "wrong_amount", count: 2 },
      { kind: "pin_error", count: 1 },
    ]);
    expect(mine.incidents.byCause).toEqual([
      { cause: "distraction", count: 2 },
      { cause: "time_pressure", count: 1 },
    ]);
    expect(mine.incidents.series.map((bucket) => bucket.byKind.wrong_amount)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(mine.open).toEqual({
      total: 2,
      overdue: 1,
      byAge: [
        { bucket: "under1d", count: 1 },
        { bucket: "d1to3", count: 0 },
        { bucket: "d3to7", count: 0 },
        { bucket: "over7d", count: 1 },
      ],
    });
    expect(mine.money).toEqual([{ currency: "CNY", atRiskMinor: 3_000, lostMinor: 2_000, recoveredMinor: 13_000 }]);
    expect(mine.timeToClose).toEqual([{ kind: "wrong_amount", closed: 2, medianHours: 2, p90Hours: 5.5 }]);
    expect(mine.transactions.overall).toMatchObject(northRates);
    expect(mine.transactions.byStore.map((row) => row.key)).toEqual([north]);
    // Five hours: 13:00's unsigned rate has a robust z of 0.25 / (1.2533 · 0.05) = 3.99.
    expect(mine.transactions.byHour.map((row) => [row.key, row.outliers])).toEqual([
      ["09", []],
      ["10", []],
      ["11", []],
      ["12", []],
      ["13", ["unsigned"]],
    ]);
    expect(mine.trainingGaps).toEqual([]);
  });

  test("the summaries (every store) agree with the incidents counted one by one (each store named)", async () => {
    const every = await getDashboard({ actor: people.finance, query: PERIOD, now: NOW });
    const both = await getDashboard({ actor: people.finance, query: { ...PERIOD, storeId: [south, north] }, now: NOW });
    expect(both).toEqual(every);
    // June whole (time to close from the month rows), and June with a day either side (the ends
    // from the day rows).
    const periods = [
      PERIOD,
      { from: "2025-07-01", to: "2026-06-15" },
      { from: "2026-04-01", to: "2026-06-15" },
      { from: "2026-06-01", to: "2026-06-30" },
      { from: "2026-05-31", to: "2026-07-01" },
      // A week and a month cut by the period: the 10th's incidents fall before it, in its first bucket.
      { from: "2026-06-11", to: "2026-08-31" },
      { from: "2026-06-11", to: "2026-12-31" },
    ];
    for (const query of periods) {
      const context = await resolveDashboardContext({ actor: people.admin, query, now: NOW });
      expect(context.storeIds).toBeNull();
      const fromSummary = await readIncidentFigures(context);
      expect(fromSummary.timeToClose.length).toBeGreaterThan(0);
      const counted = await readIncidentFigures({ ...context, storeIds: [north, south] });
      expect(counted).toEqual(fromSummary);
      // The POS rates: running totals (every store) against the day rows of each store.
      const fromTotals = await readTransactionFigures(context);
      expect(await readTransactionFigures({ ...context, storeIds: [north, south] })).toEqual(fromTotals);
    }
  });

  test("a long period is bucketed by week, then by month, every bucket present", async () => {
    const weeks = await getDashboard({
      actor: people.admin,
      query: { from: "2026-05-01", to: "2026-06-15" },
      now: NOW,
    });
    expect(weeks.period.grain).toBe("day");
    const byWeek = await getDashboard({
      actor: people.admin,
      query: { from: "2026-04-01", to: "2026-06-15" },
      now: NOW,
    });
    expect(byWeek.period.grain).toBe("week");
    // 1 Apr 2026 is a Wednesday: its week starts on Monday 30 March; 15 June is a Monday.
    expect(byWeek.incidents.series[0].start).toBe("2026-03-30");
    expect(byWeek.incidents.series.at(-1)?.start).toBe("2026-06-15");
    expect(byWeek.incidents.series).toHaveLength(12);
    // Week of 8 June: I1, I2, I3, I4 and I9 (9 Jun) occurred; week of 15 June: I5.
    expect(byWeek.incidents.series.at(-2)?.byKind).toEqual(
      kindCounts({ wrong_amount: 2, unsigned_slip: 2, duplicate_charge: 1 }),
    );
    expect(byWeek.incidents.series.at(-1)?.byKind).toEqual(kindCounts({ pin_error: 1 }));
    const byMonth = await getDashboard({
      actor: people.admin,
      query: { from: "2025-07-01", to: "2026-06-15" },
      now: NOW,
    });
    expect(byMonth.period.grain).toBe("month");
    expect(byMonth.incidents.series.map((bucket) => bucket.start)).toHaveLength(12);
    expect(byMonth.incidents.series.at(-2)).toEqual({
      start: "2026-05-01",
      byKind: kindCounts({ wrong_card: 1 }),
      byCause: causeCounts(),
    });
    expect(byMonth.incidents.total).toBe(7);
    expect(weeks.incidents.total).toBe(7);
  });

  test("the rates of a period without lines, and of one that ends or starts at the journal's day", async () => {
    const none = await getDashboard({ actor: people.admin, query: { from: "2026-06-13", to: "2026-06-15" }, now: NOW });
    expect(none.transactions.overall.transactions).toBe(0);
    expect(none.transactions.byStore).toEqual([]);
    const before = await getDashboard({
      actor: people.admin,
      query: { from: "2026-06-01", to: "2026-06-11" },
      now: NOW,
    });
    expect(before.transactions.overall.transactions).toBe(0);
    for (const query of [
      { from: "2026-06-12", to: "2026-06-12" },
      { from: "2026-06-01", to: "2026-06-12" },
      { from: "2026-06-12", to: "2026-06-30" },
    ]) {
      const dashboard = await getDashboard({ actor: people.admin, query, now: NOW });
      expect(dashboard.transactions.overall.transactions, JSON.stringify(query)).toBe(120);
      expect(dashboard.transactions.byOperator.map((row) => row.transactions)).toEqual([100, 20]);
    }
  });

  test("no period given: the last 30 days with today", async () => {
    const dashboard = await getDashboard({ actor: people.admin, query: {}, now: NOW });
    expect(dashboard.period).toMatchObject({ from: "2026-05-17", to: "2026-06-15", grain: "day" });
    expect(dashboard.incidents.series).toHaveLength(30);
  });
});

test("a chain of 1,200 cashiers: the training gaps answer (more ids than SQLite binds in one query)", async () => {
  const chain = await prisma.merchant.create({ data: { name: "Big Chain", timeZone: "Asia/Shanghai" } });
  const store = await prisma.store.create({ data: { merchantId: chain.id, name: "Big Store" } });
  const terminal = await prisma.terminal.create({ data: { merchantId: chain.id, storeId: store.id, tid: "BG000001" } });
  const cashiers = Array.from({ length: 1200 }, (_, i) => ({
    id: `big-cashier-${i}`,
    name: `Big cashier ${i}`,
    email: `big-cashier-${i}@dash.test`,
  }));
  await prisma.user.createMany({ data: cashiers });
  await prisma.membership.createMany({
    data: cashiers.map((cashier) => ({ userId: cashier.id, merchantId: chain.id, role: "CASHIER" as const })),
  });
  await prisma.incident.createMany({
    data: cashiers.flatMap((cashier, i) =>
      [0, 1].map((n) => ({
        merchantId: chain.id,
        storeId: store.id,
        terminalId: terminal.id,
        number: i * 2 + n + 1,
        kind: "PIN_ERROR" as const,
        occurredAt: at("2026-06-14T02:00:00Z"),
        dueAt: at("2026-06-15T02:00:00Z"),
        reportedById: cashier.id,
      })),
    ),
  });
  const admin: Actor = { userId: "none", name: "", email: "", merchantId: chain.id, role: "ADMIN", storeIds: [] };
  const dashboard = await getDashboard({ actor: admin, query: PERIOD, now: NOW });
  expect(dashboard.trainingGaps).toHaveLength(1200);
  expect(dashboard.trainingGaps[0]).toMatchObject({ kind: "pin_error", logged: 2, lastDrillAt: null });
}, 120_000);

// ---- GET /api/dashboard ----

async function getAs(user: DemoUser | null, query: string) {
  const response = await dashboardRoute(
    jsonRequest(`/api/dashboard${query}`, user ? { cookie: await sessionCookie(user) } : {}),
    {},
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("GET /api/dashboard", () => {
  test("admin, finance and a supervisor get every figure; a cashier is refused; no session is 401", async () => {
    for (const user of ["admin", "finance", "supervisor"] as const) {
      const answer = await getAs(user, "?from=2026-11-01&to=2026-11-30");
      expect(answer.status, user).toBe(200);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(() => dashboardSchema.parse(answer.body)).not.toThrow();
    }
    const cashier = await getAs("cashier", "");
    expect(cashier.status).toBe(403);
    expect(cashier.body.error.reason).toBe("DASHBOARD_NOT_ALLOWED");
    expect((await getAs(null, "")).status).toBe(401);
  });

  test("a supervisor's dashboard counts their stores only; another store is 404 naming storeId", async () => {
    const supervisor = await prisma.membership.findFirstOrThrow({
      where: { user: { email: "supervisor@demo.test" } },
      include: { stores: true },
    });
    const mine = supervisor.stores.map((store) => store.storeId);
    const answer = await getAs("supervisor", "");
    expect(answer.body.stores.map((store: { id: string }) => store.id).sort()).toEqual([...mine].sort());
    const other = await prisma.store.findFirstOrThrow({
      where: { merchantId: supervisor.merchantId, id: { notIn: mine } },
    });
    const refused = await getAs("supervisor", `?storeId=${other.id}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.fields).toHaveProperty("storeId");
    // Another merchant's store is as unknown to admin.
    const foreign = await getAs("admin", `?storeId=${north}`);
    expect(foreign.status).toBe(404);
  });

  test("bad queries are 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["?from=2026-13-01", "from"],
      ["?to=yesterday", "to"],
      ["?from=2026-06-10&to=2026-06-01", "to"],
      ["?from=2020-01-01&to=2026-01-01", "from"],
      ["?from=0001-01-01", "from"],
      ["?colour=red", "colour"],
      ["?from=2026-01-01&from=2026-01-02", "from"],
    ];
    for (const [query, field] of cases) {
      const answer = await getAs("admin", query);
      expect(answer.status, query).toBe(400);
      expect(Object.keys(answer.body.error.fields ?? {}), query).toContain(field);
    }
  });

  test("any query string answers 200 or 4xx, never 5xx", async () => {
    const name = fc.constantFrom("from", "to", "storeId", "x", "", "from[]", "storeId[]");
    const value = fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      fc.constantFrom("2026-06-10", "9999-12-31", "1970-01-01", "0000-00-00", "%00", "\u0000", "\ud800"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 4 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const answer = await getAs("admin", `?${query}`);
        expect(answer.status, query).toBeLessThan(500);
        if (answer.status === 200) expect(() => dashboardSchema.parse(answer.body)).not.toThrow();
      }),
      { numRuns: 60 },
    );
  });
});
