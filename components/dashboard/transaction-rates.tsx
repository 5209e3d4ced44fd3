// Rates per 1,000 POS transactions from the imported journals (issue 10): the period's overall
// rates, a stacked column chart by hour of day, and per store, terminal and operator a table with a
// bar in each cell. A rate that stands out from its siblings is marked ▲ with the words "stands
// out" and a tinted cell — never by colour alone. No journal for the period: say how to get one.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type DashboardView, dashboardCsvHref } from "@/lib/dashboard/dashboard-links";
import { type DashboardTable, dashboardTable, operatorStoreId } from "@/lib/dashboard/dashboard-tables";
import { type Dashboard, RATE_KINDS, type RateRow } from "@/lib/schemas/dashboard";
import { CsvLink, DashboardSection, EmptyState } from "./dashboard-section";
import { DataTable } from "./data-table";
import { Meter } from "./meter";
import { RATE_COLORS } from "./palette";
import { ScrollBox } from "./scroll-box";
import { StackedColumnChart } from "./stacked-column-chart";

/** Rows a breakdown shows on the page: the busiest, and every row that stands out; the CSV has all. */
export const RATE_ROWS_SHOWN = 10;

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, "0"));

type Dimension = "store" | "terminal" | "operator";
const BREAKDOWNS: { dimension: Dimension; table: DashboardTable; rows: (dashboard: Dashboard) => RateRow[] }[] = [
  { dimension: "store", table: "rates-by-store", rows: (dashboard) => dashboard.transactions.byStore },
  { dimension: "terminal", table: "rates-by-terminal", rows: (dashboard) => dashboard.transactions.byTerminal },
  { dimension: "operator", table: "rates-by-operator", rows: (dashboard) => dashboard.transactions.byOperator },
];

export function TransactionRates({
  dashboard,
  view,
  canImport,
}: {
  dashboard: Dashboard;
  view: DashboardView;
  canImport: boolean;
}) {
  const t = useTranslations("Dashboard.rates");
  const format = useFormatter();
  const { overall } = dashboard.transactions;
  const title = t("title");
  if (overall.transactions === 0) {
    return (
      <DashboardSection id="rates" title={title} wide>
        <EmptyState title={t("emptyTitle")} testId="rates-empty">
          {canImport ? (
            <>
              <p>{t("emptyImport")}</p>
              <Link
                href="/reconciliation"
                className="inline-flex min-h-11 items-center font-medium text-blue-800 underline underline-offset-2"
                data-testid="rates-import-link"
              >
                {t("importLink")}
              </Link>
            </>
          ) : (
            <p>{t("emptyAsk")}</p>
          )}
        </EmptyState>
      </DashboardSection>
    );
  }
  const perThousand = (value: number | null) =>
    value === null ? t("noData") : format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <DashboardSection
      id="rates"
      title={title}
      wide
      note={t("note", { transactions: format.number(overall.transactions) })}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <dl className="grid grid-cols-2 gap-2" data-testid="rates-overall">
            {RATE_KINDS.map((rate) => (
              <div key={rate} className="rounded-md border border-slate-200 px-3 py-2" data-rate={rate}>
                <dt className="text-xs text-slate-600">{t(`kinds.${rate}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  {t("perThousand", { value: perThousand(overall.perThousand[rate]) })}
                </dd>
                <dd className="text-xs text-slate-600 tabular-nums">
                  {t("ofCount", {
                    count: format.number(overall.counts[rate]),
                    transactions: format.number(overall.transactions),
                  })}
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-700">{t("outlierLegend")}</p>
        </div>
        <ByHour dashboard={dashboard} view={view} perThousand={perThousand} />
      </div>
      {BREAKDOWNS.map(({ dimension, table, rows }) => (
        <RatesTable
          key={dimension}
          dimension={dimension}
          rows={rows(dashboard)}
          csvHref={dashboardCsvHref(table, view)}
          perThousand={perThousand}
          storeName={(row) =>
            dimension === "operator" && dashboard.stores.length > 1
              ? (dashboard.stores.find((store) => store.id === operatorStoreId(row))?.name ?? null)
              : null
          }
        />
      ))}
    </DashboardSection>
  );
}

function ByHour({
  dashboard,
  view,
  perThousand,
}: {
  dashboard: Dashboard;
  view: DashboardView;
  perThousand: (value: number | null) => string;
}) {
  const t = useTranslations("Dashboard.rates");
  const format = useFormatter();
  const byKey = new Map(dashboard.transactions.byHour.map((row) => [row.key, row]));
  const title = t("byHourTitle");
  const rate = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  return (
    <div className="space-y-2" data-testid="rates-by-hour">
      <h3 className="font-semibold">{title}</h3>
      <StackedColumnChart
        id="rates-by-hour"
        title={title}
        description={t("byHourDescription")}
        integer={false}
        buckets={HOURS.map((hour) => {
          const row = byKey.get(hour);
          return row ? Object.fromEntries(RATE_KINDS.map((kind) => [kind, row.perThousand[kind] ?? 0])) : {};
        })}
        bucketLabels={HOURS}
        bucketTitles={HOURS.map((hour) => byKey.get(hour)?.label ?? `${hour}:00`)}
        series={RATE_KINDS.map((kind) => ({ key: kind, label: t(`kinds.${kind}`), color: RATE_COLORS[kind] }))}
        formatValue={rate}
        marks={HOURS.map((hour) => (byKey.get(hour)?.outliers.length ?? 0) > 0)}
        markLabel={t("outlier")}
        legendValue={(kind) =>
          t("perThousand", { value: perThousand(dashboard.transactions.overall.perThousand[kind]) })
        }
      />
      <DataTableFor dashboard={dashboard} table="rates-by-hour" caption={title} />
      <CsvLink href={dashboardCsvHref("rates-by-hour", view)} title={title} testId="csv-rates-by-hour" />
    </div>
  );
}

function DataTableFor({ dashboard, table, caption }: { dashboard: Dashboard; table: DashboardTable; caption: string }) {
  return <DataTable id={table} caption={caption} data={dashboardTable(dashboard, table)} />;
}

function RatesTable({
  dimension,
  rows,
  csvHref,
  perThousand,
  storeName,
}: {
  dimension: Dimension;
  rows: RateRow[];
  csvHref: string;
  perThousand: (value: number | null) => string;
  /** The store a row belongs to, when that tells rows apart (an operator code is a store's own). */
  storeName: (row: RateRow) => string | null;
}) {
  const t = useTranslations("Dashboard");
  const format = useFormatter();
  const shown = rows.filter((row, index) => index < RATE_ROWS_SHOWN || row.outliers.length > 0);
  const max = Object.fromEntries(
    RATE_KINDS.map((rate) => [rate, Math.max(0, ...shown.map((row) => row.perThousand[rate] ?? 0))]),
  );
  const title = t(`rates.by.${dimension}`);
  return (
    <div className="space-y-2" data-testid={`rates-by-${dimension}`}>
      <h3 className="font-semibold">{title}</h3>
      <ScrollBox label={title} className="rounded-md border border-slate-200">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-left font-semibold">
                {t(`rates.dimensions.${dimension}`)}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                {t("tables.columns.transactions")}
              </th>
              {RATE_KINDS.map((rate) => (
                <th key={rate} scope="col" className="min-w-24 px-2 py-1.5 text-right font-semibold">
                  {t(`rates.kinds.${rate}`)}
                  <span className="block text-xs font-normal text-slate-600">‰</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} className="border-t border-slate-100" data-key={row.key}>
                <th scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-normal">
                  {row.label}
                  {storeName(row) ? <span className="block text-xs text-slate-600">{storeName(row)}</span> : null}
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">{format.number(row.transactions)}</td>
                {RATE_KINDS.map((rate) => {
                  const outlier = row.outliers.includes(rate);
                  return (
                    <td
                      key={rate}
                      className={`px-2 py-1.5 text-right tabular-nums ${outlier ? "bg-amber-100 font-bold text-amber-950" : ""}`}
                      data-rate={rate}
                      data-outlier={outlier ? "true" : undefined}
                    >
                      <span className="whitespace-nowrap">
                        {outlier ? <span aria-hidden="true">▲ </span> : null}
                        {perThousand(row.perThousand[rate])}
                        <span className="ml-1 text-xs font-normal text-slate-600">
                          ({format.number(row.counts[rate])})
                        </span>
                      </span>
                      {outlier ? <span className="block text-xs font-semibold">{t("rates.outlier")}</span> : null}
                      <Meter
                        value={row.perThousand[rate]}
                        max={max[rate]}
                        color={RATE_COLORS[rate]}
                        className="mt-1 h-1.5 w-full"
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {shown.length < rows.length ? (
        <p className="text-sm text-slate-600">{t("moreInCsv", { shown: shown.length, total: rows.length })}</p>
      ) : null}
      <CsvLink href={csvHref} title={title} testId={`csv-rates-by-${dimension}`} />
    </div>
  );
}
