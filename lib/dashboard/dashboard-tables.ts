// The table behind each of the dashboard's charts (issue 10), as data: the same rows feed the
// <details> table under a chart and the CSV file of it, so what a person downloads is what they
// saw. Cells are typed, not worded: headers and labels are message keys, numbers stay numbers, and
// each renderer (the page in the reader's locale, the CSV for a spreadsheet) words and formats
// them itself. Pure; importable by client and server.
import { CAUSES } from "@/lib/incidents/causes";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { type Dashboard, RATE_KINDS, type RateRow, type SERIES_GRAINS } from "@/lib/schemas/dashboard";
import { formatMinor } from "@/lib/schemas/incident";

/** Every table the page shows and the CSV route serves, by the name in `?table=`. */
export const DASHBOARD_TABLES = [
  "incidents-by-kind",
  "incidents-by-cause",
  "open-by-age",
  "money",
  "time-to-close",
  "rates-by-store",
  "rates-by-terminal",
  "rates-by-operator",
  "rates-by-hour",
  "training-gaps",
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export type SeriesGrain = (typeof SERIES_GRAINS)[number];

/** A message of the catalogue (root-relative key) with its values, worded by the renderer. */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

export type TableCell =
  /** Text as it is stored (a store's name, a TID, an operator code): never translated. */
  | { type: "text"; value: string }
  | { type: "message"; message: MessageRef }
  /** Several messages, one list (the rates a row stands out on). */
  | { type: "messages"; messages: MessageRef[] }
  /** A series bucket: its first local day and the grain it stands for. */
  | { type: "bucket"; start: string; grain: SeriesGrain }
  | { type: "count"; value: number }
  /** A rate or a duration, already rounded by the data; null when there is nothing to divide by. */
  | { type: "decimal"; value: number | null }
  | { type: "money"; minor: number; currency: string }
  /** An instant (ISO 8601), or none (an empty cell in the CSV, `none` worded on the page). */
  | { type: "instant"; value: string | null; none?: MessageRef };

export interface TableColumn {
  label: MessageRef;
  /** Right-aligned, tabular figures. */
  numeric: boolean;
}

export interface TableData {
  columns: TableColumn[];
  rows: TableCell[][];
  /** Rows after the body that sum it up (a series' totals). */
  footer: TableCell[][];
}

const message = (key: string, values?: MessageRef["values"]): MessageRef => (values ? { key, values } : { key });
const column = (key: string, numeric: boolean, values?: MessageRef["values"]): TableColumn => ({
  label: message(key, values),
  numeric,
});
const count = (value: number): TableCell => ({ type: "count", value });
const total = (): TableCell => ({ type: "message", message: message("Dashboard.tables.total") });

export const kindMessage = (kind: string) => message(`Incident.kinds.${kind}`);
export const causeMessage = (cause: string) => message(`Incident.causes.${cause}`);
export const rateMessage = (rate: string) => message(`Dashboard.rates.kinds.${rate}`);

/** A series table: one row per bucket, one column per key and their sum, then a totals row. */
function seriesTable<K extends string>(
  series: { start: string; counts: Partial<Record<K, number>> }[],
  keys: readonly K[],
  keyMessage: (key: K) => MessageRef,
  grain: SeriesGrain,
): TableData {
  const columns = [
    column("Dashboard.tables.columns.period", false),
    ...keys.map((key) => ({ label: keyMessage(key), numeric: true })),
    column("Dashboard.tables.columns.total", true),
  ];
  const sums = keys.map(() => 0);
  const rows = series.map((bucket) => {
    const values = keys.map((key, index) => {
      const value = bucket.counts[key] ?? 0;
      sums[index] += value;
      return value;
    });
    return [
      { type: "bucket", start: bucket.start, grain } as TableCell,
      ...values.map(count),
      count(values.reduce((sum, value) => sum + value, 0)),
    ];
  });
  const footer = [[total(), ...sums.map(count), count(sums.reduce((sum, value) => sum + value, 0))]];
  return { columns, rows, footer };
}

/** An operator's store, from its row's key ("<store id>:<operator code>"): a code is a store's own. */
export function operatorStoreId(row: Pick<RateRow, "key">): string {
  const colon = row.key.indexOf(":");
  return colon < 0 ? "" : row.key.slice(0, colon);
}

function ratesTable(
  rows: RateRow[],
  dimension: "store" | "terminal" | "operator" | "hour",
  stores: readonly { id: string; name: string }[] = [],
): TableData {
  const storeNames = new Map(stores.map((store) => [store.id, store.name]));
  const withStore = dimension === "operator";
  const columns = [
    column(`Dashboard.rates.dimensions.${dimension}`, false),
    ...(withStore ? [column("Dashboard.rates.dimensions.store", false)] : []),
    column("Dashboard.tables.columns.transactions", true),
    column("Dashboard.tables.columns.sales", true),
    ...RATE_KINDS.flatMap((rate) => [
      column("Dashboard.tables.columns.rateCount", true, { rate }),
      column("Dashboard.tables.columns.ratePerThousand", true, { rate }),
    ]),
    column("Dashboard.tables.columns.outliers", false),
  ];
  return {
    columns,
    rows: rows.map((row) => [
      { type: "text", value: row.label },
      ...(withStore ? [{ type: "text", value: storeNames.get(operatorStoreId(row)) ?? "" } as TableCell] : []),
      count(row.transactions),
      count(row.sales),
      ...RATE_KINDS.flatMap((rate): TableCell[] => [
        count(row.counts[rate]),
        { type: "decimal", value: row.perThousand[rate] },
      ]),
      { type: "messages", messages: row.outliers.map(rateMessage) },
    ]),
    footer: [],
  };
}

/** The table named, from one dashboard. */
export function dashboardTable(dashboard: Dashboard, table: DashboardTable): TableData {
  switch (table) {
    case "incidents-by-kind":
      return seriesTable(
        dashboard.incidents.series.map((bucket) => ({ start: bucket.start, counts: bucket.byKind })),
        INCIDENT_KINDS,
        kindMessage,
        dashboard.period.grain,
      );
    case "incidents-by-cause":
      return seriesTable(
        dashboard.incidents.series.map((bucket) => ({ start: bucket.start, counts: bucket.byCause })),
        CAUSES,
        causeMessage,
        dashboard.period.grain,
      );
    case "open-by-age":
      return {
        columns: [column("Dashboard.tables.columns.age", false), column("Dashboard.tables.columns.openCases", true)],
        rows: dashboard.open.byAge.map((age) => [
          { type: "message", message: message(`Dashboard.open.ages.${age.bucket}`) },
          count(age.count),
        ]),
        footer: [
          [total(), count(dashboard.open.total)],
          [{ type: "message", message: message("Dashboard.open.overdue") }, count(dashboard.open.overdue)],
        ],
      };
    case "money":
      return {
        columns: [
          column("Dashboard.tables.columns.currency", false),
          column("Dashboard.money.atRisk", true),
          column("Dashboard.money.lost", true),
          column("Dashboard.money.recovered", true),
        ],
        rows: dashboard.money.map((money) => [
          { type: "text", value: money.currency },
          { type: "money", minor: money.atRiskMinor, currency: money.currency },
          { type: "money", minor: money.lostMinor, currency: money.currency },
          { type: "money", minor: money.recoveredMinor, currency: money.currency },
        ]),
        footer: [],
      };
    case "time-to-close":
      return {
        columns: [
          column("Dashboard.tables.columns.kind", false),
          column("Dashboard.tables.columns.closed", true),
          column("Dashboard.tables.columns.medianHours", true),
          column("Dashboard.tables.columns.p90Hours", true),
        ],
        rows: dashboard.timeToClose.map((row) => [
          { type: "message", message: kindMessage(row.kind) },
          count(row.closed),
          { type: "decimal", value: row.medianHours },
          { type: "decimal", value: row.p90Hours },
        ]),
        footer: [],
      };
    case "rates-by-store":
      return ratesTable(dashboard.transactions.byStore, "store");
    case "rates-by-terminal":
      return ratesTable(dashboard.transactions.byTerminal, "terminal");
    case "rates-by-operator":
      return ratesTable(dashboard.transactions.byOperator, "operator", dashboard.stores);
    case "rates-by-hour":
      return ratesTable(dashboard.transactions.byHour, "hour");
    case "training-gaps":
      return {
        columns: [
          column("Dashboard.tables.columns.person", false),
          column("Dashboard.tables.columns.kind", false),
          column("Dashboard.tables.columns.logged", true),
          column("Dashboard.tables.columns.lastDrill", false),
        ],
        rows: dashboard.trainingGaps.map((gap) => [
          { type: "text", value: gap.name },
          { type: "message", message: kindMessage(gap.kind) },
          count(gap.logged),
          { type: "instant", value: gap.lastDrillAt, none: message("Dashboard.training.never") },
        ]),
        footer: [],
      };
    default:
      return table satisfies never;
  }
}

/** Words a message reference; the page and the CSV each pass their translator. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Words the values that are themselves message names (a rate column's `rate`) before the column's
 * own message is worded, so "Unsigned slips per 1,000" reads whole in either language.
 */
export function wordMessage(translate: Translate, ref: MessageRef): string {
  if (!ref.values) return translate(ref.key);
  const values: Record<string, string | number> = { ...ref.values };
  if (typeof values.rate === "string") values.rate = translate(`Dashboard.rates.kinds.${values.rate}`);
  return translate(ref.key, values);
}

/** The period's first day (to = its last) as YYYY-MM-DD strings, in a file name. */
export function csvFileName(table: DashboardTable, period: { from: string; to: string }): string {
  return `dashboard-${table}-${period.from}-${period.to}.csv`;
}

/** The CSV rows of a table: the header, the body, the footer; cells as a spreadsheet reads them. */
export function csvRows(
  data: TableData,
  { translate, timeZone }: { translate: Translate; timeZone: string },
): (string | number)[][] {
  const instant = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
  const cell = (value: TableCell): string | number => {
    switch (value.type) {
      case "text":
        return value.value;
      case "message":
        return wordMessage(translate, value.message);
      case "messages":
        return value.messages.map((item) => wordMessage(translate, item)).join("; ");
      case "bucket":
        return value.start;
      case "count":
        return value.value;
      case "decimal":
        return value.value === null ? "" : value.value;
      case "money":
        // A plain decimal ("-12.05"), what a spreadsheet sums; the currency has its own column.
        return formatMinor(value.minor);
      case "instant":
        return value.value === null ? "" : instant.format(new Date(value.value));
      default:
        return value satisfies never;
    }
  };
  return [
    data.columns.map((item) => wordMessage(translate, item.label)),
    ...data.rows.map((row) => row.map(cell)),
    ...data.footer.map((row) => row.map(cell)),
  ];
}
