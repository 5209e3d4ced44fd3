// A small dashboard, worked out by hand, for the tests of what is drawn and exported from one
// (lib/dashboard/*.test.ts): three days, two stores, a store name a spreadsheet would run.
import { CAUSES, type Cause } from "@/lib/incidents/causes";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";
import { type Dashboard, dashboardSchema, type RateRow } from "@/lib/schemas/dashboard";

/** Every kind, zero but the ones given (the schema's records name every key). */
export function kindCounts(given: Partial<Record<IncidentKind, number>> = {}): Record<IncidentKind, number> {
  return Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, given[kind] ?? 0])) as Record<IncidentKind, number>;
}

export function causeCounts(given: Partial<Record<Cause, number>> = {}): Record<Cause, number> {
  return Object.fromEntries(CAUSES.map((cause) => [cause, given[cause] ?? 0])) as Record<Cause, number>;
}

function rateRow(
  key: string,
  label: string,
  transactions: number,
  counts: RateRow["counts"],
  outliers: RateRow["outliers"] = [],
): RateRow {
  const per = (value: number) => (transactions === 0 ? null : Math.round((value / transactions) * 10_000) / 10);
  return {
    key,
    label,
    transactions,
    sales: transactions - counts.voids - counts.refunds,
    counts,
    perThousand: {
      unsigned: per(counts.unsigned),
      declines: per(counts.declines),
      duplicates: per(counts.duplicates),
      voids: per(counts.voids),
      refunds: per(counts.refunds),
    },
    outliers,
  };
}

export function sampleDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const store1 = rateRow("s1", "Store 1", 800, { unsigned: 8, declines: 4, duplicates: 0, voids: 2, refunds: 1 }, [
    "unsigned",
  ]);
  const store2 = rateRow("s2", '=HYPERLINK("http://evil.example")', 200, {
    unsigned: 0,
    declines: 1,
    duplicates: 1,
    voids: 0,
    refunds: 0,
  });
  const overall = rateRow("all", "", 1000, { unsigned: 8, declines: 5, duplicates: 1, voids: 2, refunds: 1 });
  return dashboardSchema.parse({
    period: { from: "2026-11-28", to: "2026-11-30", timeZone: "Asia/Shanghai", grain: "day" },
    stores: [
      { id: "s1", name: "Store 1" },
      { id: "s2", name: '=HYPERLINK("http://evil.example")' },
    ],
    incidents: {
      total: 6,
      byKind: [
        { kind: "unsigned_slip", count: 4 },
        { kind: "wrong_amount", count: 2 },
      ],
      byCause: [
        { cause: "distraction", count: 2 },
        { cause: "printer_fault", count: 1 },
      ],
      series: [
        {
          start: "2026-11-28",
          byKind: kindCounts({ unsigned_slip: 1, wrong_amount: 2 }),
          byCause: causeCounts({ distraction: 1 }),
        },
        { start: "2026-11-29", byKind: kindCounts(), byCause: causeCounts() },
        {
          start: "2026-11-30",
          byKind: kindCounts({ unsigned_slip: 3 }),
          byCause: causeCounts({ distraction: 1, printer_fault: 1 }),
        },
      ],
    },
    open: {
      total: 5,
      overdue: 2,
      byAge: [
        { bucket: "under1d", count: 3 },
        { bucket: "d1to3", count: 1 },
        { bucket: "d3to7", count: 0 },
        { bucket: "over7d", count: 1 },
      ],
    },
    money: [
      { currency: "CNY", atRiskMinor: 123_456, lostMinor: 5_005, recoveredMinor: 10_000 },
      { currency: "USD", atRiskMinor: 0, lostMinor: 0, recoveredMinor: 250 },
    ],
    timeToClose: [{ kind: "unsigned_slip", closed: 3, medianHours: 5.5, p90Hours: 30.2 }],
    transactions: {
      overall,
      byStore: [store1, store2],
      byTerminal: [rateRow("t1", "T1000001", 1000, overall.counts)],
      byOperator: [rateRow("op7", "007", 1000, overall.counts)],
      byHour: [rateRow("09", "09:00", 400, overall.counts), rateRow("14", "14:00", 600, overall.counts)],
    },
    trainingGaps: [
      { userId: "u1", name: "Cai Cashier", kind: "unsigned_slip", logged: 4, lastDrillAt: null },
      { userId: "u2", name: "-1+1", kind: "wrong_amount", logged: 2, lastDrillAt: "2026-03-01T02:30:00.000Z" },
    ],
    ...overrides,
  });
}
