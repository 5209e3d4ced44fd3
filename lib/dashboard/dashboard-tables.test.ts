// The tables behind the dashboard's charts: the same numbers as the figures they are read from,
// totals that add up, and CSV rows a spreadsheet reads (plain decimals, local times, every column
// worded).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  csvRows,
  DASHBOARD_TABLES,
  dashboardTable,
  type TableCell,
  wordMessage,
} from "@/lib/dashboard/dashboard-tables";
import { CAUSES } from "@/lib/incidents/causes";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { causeCounts, kindCounts, sampleDashboard } from "@/tests/helpers/dashboard-fixture";

/** A translator that shows what it was asked: the key and its values. */
const echo = (key: string, values?: Record<string, string | number>) =>
  values
    ? `${key}(${Object.entries(values)
        .map(([name, value]) => `${name}=${value}`)
        .join(",")})`
    : key;

const countOf = (cell: TableCell | undefined) => (cell?.type === "count" ? cell.value : Number.NaN);

describe("dashboardTable", () => {
  test("incidents by kind: a row per bucket with every kind, the bucket's sum, and a totals row", () => {
    const table = dashboardTable(sampleDashboard(), "incidents-by-kind");
    expect(table.columns).toHaveLength(INCIDENT_KINDS.length + 2);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0][0]).toEqual({ type: "bucket", start: "2026-11-28", grain: "day" });
    const unsignedColumn = 1 + INCIDENT_KINDS.indexOf("unsigned_slip");
    const wrongAmountColumn = 1 + INCIDENT_KINDS.indexOf("wrong_amount");
    expect(table.rows.map((row) => countOf(row[unsignedColumn]))).toEqual([1, 0, 3]);
    expect(table.rows.map((row) => countOf(row[wrongAmountColumn]))).toEqual([2, 0, 0]);
    expect(table.rows.map((row) => countOf(row.at(-1)))).toEqual([3, 0, 3]);
    expect(table.footer).toHaveLength(1);
    expect(countOf(table.footer[0][unsignedColumn])).toBe(4);
    expect(countOf(table.footer[0].at(-1))).toBe(6);
  });

  test("incidents by cause: every cause a column, zeros where none", () => {
    const table = dashboardTable(sampleDashboard(), "incidents-by-cause");
    expect(table.columns.slice(1, -1).map((column) => column.label.key)).toEqual(
      CAUSES.map((cause) => `Incident.causes.${cause}`),
    );
    expect(countOf(table.footer[0].at(-1))).toBe(3);
    expect(countOf(table.rows[1].at(-1))).toBe(0);
  });

  test("open cases by age end with the total and the overdue count", () => {
    const table = dashboardTable(sampleDashboard(), "open-by-age");
    expect(table.rows.map((row) => countOf(row[1]))).toEqual([3, 1, 0, 1]);
    expect(table.footer.map((row) => countOf(row[1]))).toEqual([5, 2]);
  });

  test("rates: a count and a per-1,000 column for each rate, then the rates the row stands out on", () => {
    const table = dashboardTable(sampleDashboard(), "rates-by-store");
    expect(table.columns).toHaveLength(3 + 5 * 2 + 1);
    const [store1] = table.rows;
    expect(store1[0]).toEqual({ type: "text", value: "Store 1" });
    expect(countOf(store1[1])).toBe(800);
    expect(store1[3]).toEqual({ type: "count", value: 8 });
    expect(store1[4]).toEqual({ type: "decimal", value: 10 });
    expect(store1.at(-1)).toEqual({ type: "messages", messages: [{ key: "Dashboard.rates.kinds.unsigned" }] });
  });

  test("an operator's row names its store: the same code in two stores is two people", () => {
    const dashboard = sampleDashboard();
    dashboard.transactions.byOperator = [
      { ...dashboard.transactions.byOperator[0], key: "s1:007" },
      { ...dashboard.transactions.byOperator[0], key: "s2:007" },
    ];
    const table = dashboardTable(dashboard, "rates-by-operator");
    expect(table.columns.slice(0, 2).map((column) => column.label.key)).toEqual([
      "Dashboard.rates.dimensions.operator",
      "Dashboard.rates.dimensions.store",
    ]);
    expect(table.rows.map((row) => row.slice(0, 2))).toEqual([
      [
        { type: "text", value: "007" },
        { type: "text", value: "Store 1" },
      ],
      [
        { type: "text", value: "007" },
        { type: "text", value: '=HYPERLINK("http://evil.example")' },
      ],
    ]);
  });

  test("every table has as many cells in each row as it has columns", () => {
    const dashboard = sampleDashboard();
    for (const name of DASHBOARD_TABLES) {
      const table = dashboardTable(dashboard, name);
      for (const row of [...table.rows, ...table.footer]) expect(row, name).toHaveLength(table.columns.length);
    }
  });

  test("a series table's totals row is the sum of its rows, whatever the counts", () => {
    const bucket = fc.record(
      Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, fc.nat({ max: 10_000 })])) as Record<
        (typeof INCIDENT_KINDS)[number],
        fc.Arbitrary<number>
      >,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 40 }), (byKinds) => {
        const base = sampleDashboard();
        const dashboard = {
          ...base,
          incidents: {
            ...base.incidents,
            series: byKinds.map((byKind, index) => ({
              start: `2026-01-${String(1 + (index % 28)).padStart(2, "0")}`,
              byKind: kindCounts(byKind),
              byCause: causeCounts(),
            })),
          },
        };
        const table = dashboardTable(dashboard, "incidents-by-kind");
        for (let column = 1; column < table.columns.length; column++) {
          const sum = table.rows.reduce((total, row) => total + countOf(row[column]), 0);
          expect(countOf(table.footer[0][column])).toBe(sum);
        }
        const grand = byKinds.reduce((sum, byKind) => sum + Object.values(byKind).reduce((a, b) => a + b, 0), 0);
        expect(countOf(table.footer[0].at(-1))).toBe(grand);
      }),
    );
  });
});

describe("csvRows", () => {
  test("money as plain decimals of the minor units, the currency in its own column", () => {
    const rows = csvRows(dashboardTable(sampleDashboard(), "money"), { translate: echo, timeZone: "Asia/Shanghai" });
    expect(rows[0]).toEqual([
      "Dashboard.tables.columns.currency",
      "Dashboard.money.atRisk",
      "Dashboard.money.lost",
      "Dashboard.money.recovered",
    ]);
    expect(rows[1]).toEqual(["CNY", "1234.56", "50.05", "100.00"]);
    expect(rows[2]).toEqual(["USD", "0.00", "0.00", "2.50"]);
  });

  test("a rate column's name words the rate inside it; no rate is an empty cell", () => {
    const dashboard = sampleDashboard();
    dashboard.transactions.byHour[0].perThousand.voids = null;
    const rows = csvRows(dashboardTable(dashboard, "rates-by-hour"), { translate: echo, timeZone: "Asia/Shanghai" });
    expect(rows[0][3]).toBe("Dashboard.tables.columns.rateCount(rate=Dashboard.rates.kinds.unsigned)");
    expect(rows[1][0]).toBe("09:00");
    const voidsPerThousand = 3 + 2 * 3 + 1;
    expect(rows[0][voidsPerThousand]).toBe(
      "Dashboard.tables.columns.ratePerThousand(rate=Dashboard.rates.kinds.voids)",
    );
    expect(rows[1][voidsPerThousand]).toBe("");
  });

  test("times in the merchant's zone, buckets as their first day, no drill date as an empty cell", () => {
    const gaps = csvRows(dashboardTable(sampleDashboard(), "training-gaps"), {
      translate: echo,
      timeZone: "Asia/Shanghai",
    });
    expect(gaps[1]).toEqual(["Cai Cashier", "Incident.kinds.unsigned_slip", 4, ""]);
    expect(gaps[2]).toEqual(["-1+1", "Incident.kinds.wrong_amount", 2, "2026-03-01 10:30"]);
    const series = csvRows(dashboardTable(sampleDashboard(), "incidents-by-kind"), {
      translate: echo,
      timeZone: "Asia/Shanghai",
    });
    expect(series.slice(1, 4).map((row) => row[0])).toEqual(["2026-11-28", "2026-11-29", "2026-11-30"]);
    expect(series[4][0]).toBe("Dashboard.tables.total");
  });

  test("wordMessage leaves messages without values alone", () => {
    expect(wordMessage(echo, { key: "Dashboard.open.overdue" })).toBe("Dashboard.open.overdue");
  });
});
