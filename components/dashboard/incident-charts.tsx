// Incidents of the period over time: by kind, and — for the ones closed — by cause, as stacked
// columns per bucket (day, week or month), with what to do when there is nothing to show.
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { bucketAxisLabel, bucketLongLabel } from "@/lib/dashboard/chart-geometry";
import { type DashboardView, dashboardCsvHref, dashboardHref, presetPeriod } from "@/lib/dashboard/dashboard-links";
import { dashboardTable } from "@/lib/dashboard/dashboard-tables";
import { CAUSES } from "@/lib/incidents/causes";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import type { Dashboard } from "@/lib/schemas/dashboard";
import { DashboardSection, EmptyState } from "./dashboard-section";
import { CAUSE_COLORS, KIND_COLORS } from "./palette";
import { StackedColumnChart } from "./stacked-column-chart";

const linkClass = "inline-flex min-h-11 items-center font-medium text-blue-800 underline underline-offset-2";

function useBucketLabels(dashboard: Dashboard) {
  const locale = useLocale();
  const t = useTranslations("Dashboard.tables");
  const { grain } = dashboard.period;
  return {
    short: dashboard.incidents.series.map((bucket) => bucketAxisLabel(bucket.start, grain, locale)),
    long: dashboard.incidents.series.map((bucket) => {
      const label = bucketLongLabel(bucket.start, grain, locale);
      return label.week ? t("weekOf", { date: label.date }) : label.date;
    }),
  };
}

export function IncidentsByKind({
  dashboard,
  view,
  today,
}: {
  dashboard: Dashboard;
  view: DashboardView;
  today: string;
}) {
  const t = useTranslations("Dashboard");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const labels = useBucketLabels(dashboard);
  const title = t("incidents.byKindTitle");
  const { total } = dashboard.incidents;
  const longer = presetPeriod(90, today);
  return (
    <DashboardSection
      id="incidents-by-kind"
      title={title}
      note={t("incidents.byKindSummary", { count: total })}
      table={total > 0 ? dashboardTable(dashboard, "incidents-by-kind") : null}
      csvHref={total > 0 ? dashboardCsvHref("incidents-by-kind", view) : null}
    >
      {total > 0 ? (
        <StackedColumnChart
          id="incidents-by-kind"
          title={title}
          description={t("incidents.chartDescription", { grain: dashboard.period.grain })}
          buckets={dashboard.incidents.series.map((bucket) => bucket.byKind)}
          bucketLabels={labels.short}
          bucketTitles={labels.long}
          series={INCIDENT_KINDS.map((kind) => ({
            key: kind,
            label: tIncident(`kinds.${kind}`),
            color: KIND_COLORS[kind],
          }))}
          formatValue={(value) => format.number(value)}
        />
      ) : (
        <EmptyState title={t("incidents.emptyTitle")} testId="incidents-empty">
          <p>{t("incidents.emptyHint")}</p>
          <Link href={dashboardHref({ ...longer, storeIds: view.storeIds })} className={linkClass}>
            {t("filters.lastDays", { days: 90 })}
          </Link>
        </EmptyState>
      )}
    </DashboardSection>
  );
}

export function IncidentsByCause({ dashboard, view }: { dashboard: Dashboard; view: DashboardView }) {
  const t = useTranslations("Dashboard");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const labels = useBucketLabels(dashboard);
  const title = t("incidents.byCauseTitle");
  const total = dashboard.incidents.byCause.reduce((sum, item) => sum + item.count, 0);
  return (
    <DashboardSection
      id="incidents-by-cause"
      title={title}
      note={t("incidents.byCauseSummary", { count: total })}
      table={total > 0 ? dashboardTable(dashboard, "incidents-by-cause") : null}
      csvHref={total > 0 ? dashboardCsvHref("incidents-by-cause", view) : null}
    >
      {total > 0 ? (
        <StackedColumnChart
          id="incidents-by-cause"
          title={title}
          description={t("incidents.chartDescription", { grain: dashboard.period.grain })}
          buckets={dashboard.incidents.series.map((bucket) => bucket.byCause)}
          bucketLabels={labels.short}
          bucketTitles={labels.long}
          series={CAUSES.map((cause) => ({
            key: cause,
            label: tIncident(`causes.${cause}`),
            color: CAUSE_COLORS[cause],
          }))}
          formatValue={(value) => format.number(value)}
        />
      ) : (
        <EmptyState title={t("incidents.noCausesTitle")} testId="causes-empty">
          <p>{t("incidents.noCausesHint")}</p>
          <Link href="/incidents" className={linkClass}>
            {t("incidents.openIncidentList")}
          </Link>
        </EmptyState>
      )}
    </DashboardSection>
  );
}
