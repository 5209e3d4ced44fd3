// Who has not practised the kinds they most often get wrong (issue 10's drills): cashiers whose
// most-logged kinds of the last 90 days have no drill in the last 180, with a way to the training
// records where a drill is started.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type DashboardView, dashboardCsvHref } from "@/lib/dashboard/dashboard-links";
import type { Dashboard } from "@/lib/schemas/dashboard";
import { DashboardSection, EmptyState } from "./dashboard-section";
import { ScrollBox } from "./scroll-box";

/**
 * The page lists the most-logged gaps only: a chain's 500 stores have ~2,000, which made the
 * dashboard a long scroll and its HTML heavy. All of them are in the section's CSV and the API.
 */
export const TRAINING_GAPS_SHOWN = 25;

export function TrainingGaps({
  dashboard,
  view,
  trainingHref,
}: {
  dashboard: Dashboard;
  view: DashboardView;
  /** The training records' page, when there is one the viewer may open. */
  trainingHref: string | null;
}) {
  const t = useTranslations("Dashboard");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const gaps = dashboard.trainingGaps.slice(0, TRAINING_GAPS_SHOWN);
  const hidden = dashboard.trainingGaps.length - gaps.length;
  const title = t("training.title");
  return (
    <DashboardSection
      id="training-gaps"
      title={title}
      note={t("training.note")}
      csvHref={gaps.length > 0 ? dashboardCsvHref("training-gaps", view) : null}
    >
      {gaps.length === 0 ? (
        <EmptyState title={t("training.empty")} testId="training-empty" />
      ) : (
        <ScrollBox label={title} className="rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-2 py-1.5 text-left font-semibold">
                  {t("tables.columns.person")}
                </th>
                <th scope="col" className="px-2 py-1.5 text-left font-semibold">
                  {t("tables.columns.kind")}
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                  {t("tables.columns.logged")}
                </th>
                <th scope="col" className="px-2 py-1.5 text-left font-semibold">
                  {t("tables.columns.lastDrill")}
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((gap) => (
                <tr key={`${gap.userId}-${gap.kind}`} className="border-t border-slate-100" data-user={gap.userId}>
                  <th scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-normal">
                    {gap.name}
                  </th>
                  <td className="px-2 py-1.5">{tIncident(`kinds.${gap.kind}`)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{format.number(gap.logged)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5">
                    {gap.lastDrillAt
                      ? format.dateTime(new Date(gap.lastDrillAt), { dateStyle: "medium" })
                      : t("training.never")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {hidden > 0 ? (
        <p className="text-sm text-slate-600" data-testid="training-more">
          {t("training.more", { shown: gaps.length, total: dashboard.trainingGaps.length })}
        </p>
      ) : null}
      {trainingHref ? (
        <Link
          href={trainingHref}
          className="inline-flex min-h-11 items-center text-sm font-medium text-blue-800 underline underline-offset-2"
        >
          {t("training.link")}
        </Link>
      ) : null}
    </DashboardSection>
  );
}
