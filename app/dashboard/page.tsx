// The risk dashboard (issue 10): where mishaps come from, for a period and stores — incidents by
// kind and cause over time, open cases by age, money at risk / lost / recovered, time to close,
// transaction rates per 1,000 from the POS journals, and training gaps. Supervisors (their stores),
// finance and admins; the check is the use case's. Rendered on the server with no script of its
// own; the numbers of every chart are a table away and a CSV away.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { parseInput } from "@/lib/api/validation";
import { pageActor } from "@/lib/auth/page-actor";
import { dashboardQueryInput, localToday } from "@/lib/dashboard/dashboard-links";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { type AppError, isAppError } from "@/lib/errors/app-error";
import { errorText, fieldTexts } from "@/lib/errors/translate";
import { isLocale } from "@/lib/i18n/locales";
import { can } from "@/lib/rbac/permissions";
import { type Dashboard, type DashboardQuery, dashboardQuerySchema } from "@/lib/schemas/dashboard";
import { listVisibleStores } from "@/lib/stores/list-stores";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Dashboard");
  return { title: t("title") };
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Dashboard");
  const actor = await pageActor();
  const locale = await getLocale();
  let dashboard: Dashboard;
  let query: DashboardQuery = {};
  let problem: AppError | null = null;
  try {
    query = parseInput(dashboardQuerySchema, dashboardQueryInput(await searchParams));
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error;
  }
  try {
    try {
      dashboard = await getDashboard({ actor, query });
    } catch (error) {
      // A store they cannot see or a period too long: say so, and show the default view.
      if (!isAppError(error) || error.code === "FORBIDDEN" || Object.keys(query).length === 0) throw error;
      problem = error;
      query = {};
      dashboard = await getDashboard({ actor, query });
    }
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="dashboard-forbidden" />;
    }
    throw error;
  }
  const stores = await listVisibleStores({ actor });
  const view = { from: dashboard.period.from, to: dashboard.period.to, storeIds: query.storeId ?? [] };
  const today = localToday(dashboard.period.timeZone);
  const readerLocale = isLocale(locale) ? locale : "en";
  // The error's words, then each field's (once: a missing store says the same in both).
  const reason = problem
    ? [...new Set([errorText(readerLocale, problem), ...Object.values(fieldTexts(readerLocale, problem.fields))])].join(
        readerLocale === "zh-CN" ? "" : " ",
      )
    : null;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      {reason ? (
        <p
          role="alert"
          data-testid="dashboard-bad-query"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900"
        >
          {t("badQuery", { reason })}{" "}
          <Link href="/dashboard" className="font-medium underline underline-offset-2">
            {t("filters.lastDays", { days: 30 })}
          </Link>
        </p>
      ) : null}
      <DashboardFilters view={view} stores={stores} today={today} />
      <DashboardView
        dashboard={dashboard}
        view={view}
        today={today}
        canImport={can(actor.role, "reconciliation.import")}
        trainingHref={can(actor.role, "training.view") ? "/training" : null}
      />
    </div>
  );
}
