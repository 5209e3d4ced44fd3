// The casework figures: open cases by age with the overdue count, money at risk / lost /
// recovered per currency, and the time to close per kind (median and 90th percentile). Each is a
// list with a bar beside each number; the table and CSV of the same numbers follow.
import { useFormatter, useTranslations } from "next-intl";
import { type DashboardView, dashboardCsvHref } from "@/lib/dashboard/dashboard-links";
import { dashboardTable } from "@/lib/dashboard/dashboard-tables";
import type { Dashboard } from "@/lib/schemas/dashboard";
import { DashboardSection, EmptyState } from "./dashboard-section";
import { Meter } from "./meter";
import { BAR_BACK_COLOR, BAR_COLOR } from "./palette";

function Swatch({ color }: { color: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 10 10" className="size-3 shrink-0">
      <rect width="10" height="10" rx="2" fill={color} />
    </svg>
  );
}

export function OpenCases({ dashboard, view }: { dashboard: Dashboard; view: DashboardView }) {
  const t = useTranslations("Dashboard.open");
  const format = useFormatter();
  const { open } = dashboard;
  const max = Math.max(0, ...open.byAge.map((age) => age.count));
  const title = t("title");
  return (
    <DashboardSection
      id="open-by-age"
      title={title}
      note={t("note")}
      table={open.total > 0 ? dashboardTable(dashboard, "open-by-age") : null}
      csvHref={open.total > 0 ? dashboardCsvHref("open-by-age", view) : null}
    >
      {open.total === 0 ? (
        <EmptyState title={t("empty")} testId="open-empty" />
      ) : (
        <>
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <p className="text-2xl font-semibold tabular-nums" data-testid="open-total">
              {t("total", { count: open.total })}
            </p>
            <p
              data-testid="open-overdue"
              data-count={open.overdue}
              className={`inline-flex items-center gap-1 font-semibold ${open.overdue > 0 ? "text-red-800" : "text-slate-700"}`}
            >
              {open.overdue > 0 ? <span aria-hidden="true">⚠</span> : null}
              {t("overdueCount", { count: open.overdue })}
            </p>
          </div>
          <ul className="space-y-2" aria-label={title}>
            {open.byAge.map((age) => (
              <li key={age.bucket} data-bucket={age.bucket} data-count={age.count}>
                <div className="flex justify-between gap-2 text-sm">
                  <span>{t(`ages.${age.bucket}`)}</span>
                  <span className="font-semibold tabular-nums">{format.number(age.count)}</span>
                </div>
                <Meter value={age.count} max={max} />
              </li>
            ))}
          </ul>
        </>
      )}
    </DashboardSection>
  );
}

const LOST_COLOR = "#FCA5A5";
const RECOVERED_COLOR = "#15803D";

export function MoneyFigures({ dashboard, view }: { dashboard: Dashboard; view: DashboardView }) {
  const t = useTranslations("Dashboard.money");
  const format = useFormatter();
  const money = dashboard.money.filter(
    (row) => row.atRiskMinor !== 0 || row.lostMinor !== 0 || row.recoveredMinor !== 0,
  );
  const amount = (minor: number, currency: string) => format.number(minor / 100, { style: "currency", currency });
  return (
    <DashboardSection
      id="money"
      title={t("title")}
      note={t("note")}
      table={money.length > 0 ? dashboardTable(dashboard, "money") : null}
      csvHref={money.length > 0 ? dashboardCsvHref("money", view) : null}
    >
      {money.length === 0 ? (
        <EmptyState title={t("empty")} testId="money-empty" />
      ) : (
        <ul className="space-y-3">
          {money.map((row) => {
            const settled = row.lostMinor + row.recoveredMinor;
            return (
              <li key={row.currency} data-currency={row.currency} className="space-y-1">
                <dl className="flex flex-wrap gap-x-6 gap-y-2">
                  <div>
                    <dt className="text-xs text-slate-600">
                      {t("atRisk")} · {row.currency}
                    </dt>
                    <dd className="font-semibold tabular-nums text-amber-900" data-testid="money-at-risk">
                      {amount(row.atRiskMinor, row.currency)}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("lost")}</dt>
                    <dd className="font-semibold tabular-nums text-red-800" data-testid="money-lost">
                      {amount(row.lostMinor, row.currency)}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("recovered")}</dt>
                    <dd className="font-semibold tabular-nums text-green-800" data-testid="money-recovered">
                      {amount(row.recoveredMinor, row.currency)}
                    </dd>
                  </div>
                </dl>
                {settled > 0 ? (
                  <>
                    <Meter
                      value={row.recoveredMinor}
                      back={settled}
                      max={settled}
                      color={RECOVERED_COLOR}
                      backColor={LOST_COLOR}
                      className="h-3 w-full"
                    />
                    <p className="text-xs text-slate-600">
                      {t("recoveredShare", {
                        percent: format.number(row.recoveredMinor / settled, { style: "percent" }),
                      })}
                    </p>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </DashboardSection>
  );
}

export function TimeToClose({ dashboard, view }: { dashboard: Dashboard; view: DashboardView }) {
  const t = useTranslations("Dashboard.timeToClose");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const rows = dashboard.timeToClose.filter((row) => row.closed > 0);
  const max = Math.max(0, ...rows.map((row) => row.p90Hours));
  const duration = (hours: number) =>
    hours < 48
      ? t("hours", { value: format.number(hours, { maximumFractionDigits: 1 }) })
      : t("days", { value: format.number(hours / 24, { maximumFractionDigits: 1 }) });
  return (
    <DashboardSection
      id="time-to-close"
      title={t("title")}
      note={t("note")}
      table={rows.length > 0 ? dashboardTable(dashboard, "time-to-close") : null}
      csvHref={rows.length > 0 ? dashboardCsvHref("time-to-close", view) : null}
    >
      {rows.length === 0 ? (
        <EmptyState title={t("empty")} testId="time-to-close-empty" />
      ) : (
        <ul className="space-y-2">
          <li aria-hidden="true" className="flex gap-4 text-xs text-slate-700">
            <span className="inline-flex items-center gap-1">
              <Swatch color={BAR_COLOR} />
              {t("median")}
            </span>
            <span className="inline-flex items-center gap-1">
              <Swatch color={BAR_BACK_COLOR} />
              {t("p90")}
            </span>
          </li>
          {rows.map((row) => (
            <li key={row.kind} data-kind={row.kind}>
              <p className="text-sm font-medium">{tIncident(`kinds.${row.kind}`)}</p>
              <p className="text-xs text-slate-700">
                {t("line", { count: row.closed, median: duration(row.medianHours), p90: duration(row.p90Hours) })}
              </p>
              <Meter value={row.medianHours} back={row.p90Hours} max={max} className="h-2.5 w-full" />
            </li>
          ))}
        </ul>
      )}
    </DashboardSection>
  );
}
