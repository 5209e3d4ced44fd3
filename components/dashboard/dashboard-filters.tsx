// The dashboard's period and stores: a plain GET form (works without JavaScript; every view is a
// link), its dates filled with the period shown, the stores as checkboxes (none ticked: all of
// them), and the preset periods as links that keep the stores chosen.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { filterControlClass, filterLabelClass } from "@/components/ui/filter-select";
import {
  type DashboardView,
  dashboardHref,
  matchingPreset,
  PERIOD_PRESETS,
  presetPeriod,
} from "@/lib/dashboard/dashboard-links";

export function DashboardFilters({
  view,
  stores,
  today,
}: {
  view: DashboardView;
  /** Every store the viewer can see. */
  stores: readonly { id: string; name: string }[];
  /** Today in the merchant's zone, which the presets end on. */
  today: string;
}) {
  const t = useTranslations("Dashboard.filters");
  const chosen = new Set(view.storeIds);
  const current = matchingPreset(view, today);
  return (
    <search aria-label={t("legend")} className="block space-y-2">
      <form
        method="get"
        action="/dashboard"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
        data-testid="dashboard-filters"
      >
        <div className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
          <div>
            <label htmlFor="dashboard-from" className={filterLabelClass}>
              {t("from")}
            </label>
            <input
              id="dashboard-from"
              name="from"
              type="date"
              defaultValue={view.from}
              className={filterControlClass}
            />
          </div>
          <div>
            <label htmlFor="dashboard-to" className={filterLabelClass}>
              {t("to")}
            </label>
            <input id="dashboard-to" name="to" type="date" defaultValue={view.to} className={filterControlClass} />
          </div>
          <button type="submit" className={`${buttonClass({ variant: "primary" })} col-span-2 sm:col-span-1`}>
            {t("apply")}
          </button>
        </div>
        {stores.length > 1 ? (
          <fieldset aria-describedby="dashboard-stores-hint">
            <legend className={filterLabelClass}>{t("stores")}</legend>
            <p id="dashboard-stores-hint" className="text-sm text-slate-600">
              {t("storesHint")}
            </p>
            <div className="mt-1 flex flex-wrap gap-x-5">
              {stores.map((store) => (
                <label key={store.id} className="inline-flex min-h-11 items-center gap-2 text-base">
                  <input
                    type="checkbox"
                    name="storeId"
                    value={store.id}
                    defaultChecked={chosen.has(store.id)}
                    className="size-5 shrink-0"
                  />
                  {store.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
      </form>
      <nav aria-label={t("presets")}>
        <ul className="flex flex-wrap gap-2">
          {PERIOD_PRESETS.map((days) => (
            <li key={days}>
              <Link
                href={dashboardHref({ ...presetPeriod(days, today), storeIds: view.storeIds })}
                aria-current={current === days ? "page" : undefined}
                data-testid={`preset-${days}`}
                className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium ${
                  current === days
                    ? "border-blue-700 bg-blue-700 text-white"
                    : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
                }`}
              >
                {t("lastDays", { days })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </search>
  );
}
