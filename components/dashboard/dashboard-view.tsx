// The whole dashboard for one period and set of stores, from one `Dashboard` value (lib/schemas/
// dashboard.ts): rendered on the server, no script of its own. Phone: the figures stack; desktop:
// two columns, the transaction rates across both.
import { useFormatter, useTranslations } from "next-intl";
import type { DashboardView as View } from "@/lib/dashboard/dashboard-links";
import type { Dashboard } from "@/lib/schemas/dashboard";
import { MoneyFigures, OpenCases, TimeToClose } from "./case-figures";
import { IncidentsByCause, IncidentsByKind } from "./incident-charts";
import { TrainingGaps } from "./training-gaps";
import { TransactionRates } from "./transaction-rates";

export function DashboardView({
  dashboard,
  view,
  today,
  canImport,
  trainingHref,
}: {
  dashboard: Dashboard;
  view: View;
  today: string;
  /** The viewer may import a POS journal (the empty rates say where). */
  canImport: boolean;
  trainingHref: string | null;
}) {
  const t = useTranslations("Dashboard");
  const format = useFormatter();
  const day = (value: string) =>
    format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const stores =
    view.storeIds.length === 0
      ? t("allStores", { count: dashboard.stores.length })
      : t("someStores", {
          count: dashboard.stores.length,
          names: format.list(dashboard.stores.map((store) => store.name)),
        });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="dashboard-period">
        {t("periodSummary", {
          period: t("period", { from: day(dashboard.period.from), to: day(dashboard.period.to) }),
          stores,
          timeZone: dashboard.period.timeZone,
        })}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <IncidentsByKind dashboard={dashboard} view={view} today={today} />
        <IncidentsByCause dashboard={dashboard} view={view} />
        <OpenCases dashboard={dashboard} view={view} />
        <MoneyFigures dashboard={dashboard} view={view} />
        <TimeToClose dashboard={dashboard} view={view} />
        <TrainingGaps dashboard={dashboard} view={view} trainingHref={trainingHref} />
        <TransactionRates dashboard={dashboard} view={view} canImport={canImport} />
      </div>
    </div>
  );
}
