// The incident list's filters and sort: a plain GET form folded into a disclosure (so on a phone
// the first case is near the top) and sort links, so both work without JavaScript and every view
// is a shareable URL.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FilterSelect, filterControlClass, filterLabelClass, storeOptions } from "@/components/ui/filter-select";
import { INCIDENT_KINDS, INCIDENT_STATUSES } from "@/lib/incidents/rules";
import { INCIDENT_SORTS, type IncidentSort } from "@/lib/schemas/incident";
import type { VisibleStore } from "@/lib/stores/list-stores";

export interface FilterValues {
  q?: string;
  status?: string;
  kind?: string;
  storeId?: string;
  from?: string;
  to?: string;
  overdue?: string;
  sort?: string;
}

/** The status filter's extra choices: the caller's work queue (no value, the default) and all. */
export const ALL_STATUSES_VALUE = "all";

export function IncidentFilters({
  values,
  stores,
  activeCount,
}: {
  values: FilterValues;
  stores: VisibleStore[];
  activeCount: number;
}) {
  const t = useTranslations("IncidentList.filters");
  const tIncident = useTranslations("Incident");
  return (
    <search aria-label={t("legend")} className="block min-w-0 grow">
      <details className="group rounded-lg border border-slate-200 bg-white" data-testid="incident-filters">
        <summary className="flex min-h-11 cursor-pointer items-center gap-2 px-3 font-medium text-slate-800 marker:text-slate-500">
          {t("summary")}{" "}
          {activeCount > 0 ? (
            <span className="text-sm font-normal text-slate-600">{t("active", { count: activeCount })}</span>
          ) : null}
        </summary>
        <form
          method="get"
          action="/incidents"
          className="grid grid-cols-2 gap-3 border-t border-slate-200 p-3 sm:p-4 lg:grid-cols-4"
        >
          {values.sort ? <input type="hidden" name="sort" value={values.sort} /> : null}
          <div className="col-span-2 lg:col-span-4">
            <label htmlFor="filter-q" className={filterLabelClass}>
              {t("search")}
            </label>
            <input
              id="filter-q"
              name="q"
              type="search"
              defaultValue={values.q ?? ""}
              placeholder={t("searchPlaceholder")}
              maxLength={100}
              className={filterControlClass}
            />
          </div>
          <FilterSelect
            id="filter-status"
            name="status"
            label={t("status")}
            value={values.status}
            allLabel={t("toDo")}
            options={[
              { value: ALL_STATUSES_VALUE, label: t("allStatuses") },
              ...INCIDENT_STATUSES.map((status) => ({ value: status, label: tIncident(`status.${status}`) })),
            ]}
          />
          <FilterSelect
            id="filter-kind"
            name="kind"
            label={t("kind")}
            value={values.kind}
            allLabel={t("allKinds")}
            options={INCIDENT_KINDS.map((kind) => ({ value: kind, label: tIncident(`kinds.${kind}`) }))}
          />
          <FilterSelect
            id="filter-store"
            name="storeId"
            label={t("store")}
            value={values.storeId}
            allLabel={t("allStores")}
            options={storeOptions(stores)}
          />
          <div className="flex items-end">
            <label className="flex h-11 items-center gap-2 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                name="overdue"
                value="true"
                defaultChecked={values.overdue === "true"}
                className="h-5 w-5 rounded border-slate-400"
              />
              {t("overdueOnly")}
            </label>
          </div>
          <div>
            <label htmlFor="filter-from" className={filterLabelClass}>
              {t("from")}
            </label>
            <input
              id="filter-from"
              name="from"
              type="date"
              defaultValue={values.from ?? ""}
              className={filterControlClass}
            />
          </div>
          <div>
            <label htmlFor="filter-to" className={filterLabelClass}>
              {t("to")}
            </label>
            <input id="filter-to" name="to" type="date" defaultValue={values.to ?? ""} className={filterControlClass} />
          </div>
          <div className="col-span-2 flex items-end gap-3">
            <Button type="submit" variant="primary" className="text-sm">
              {t("apply")}
            </Button>
            <Link
              href="/incidents"
              className="inline-flex h-11 items-center rounded-md px-3 text-sm font-medium text-blue-800 underline underline-offset-2 hover:text-blue-900"
            >
              {t("clear")}
            </Link>
          </div>
        </form>
      </details>
    </search>
  );
}

/** Sort links: each keeps the filters and starts again from the first page. */
export function SortLinks({ current, hrefFor }: { current: IncidentSort; hrefFor: (sort: IncidentSort) => string }) {
  const t = useTranslations("IncidentList.sort");
  return (
    <nav aria-label={t("label")} className="flex items-center text-sm" data-testid="incident-sort">
      {INCIDENT_SORTS.map((sort) => (
        <Link
          key={sort}
          href={hrefFor(sort)}
          aria-current={sort === current ? "true" : undefined}
          className={`inline-flex min-h-11 items-center border-b-2 px-2 ${
            sort === current
              ? "border-blue-700 font-semibold text-slate-900"
              : "border-transparent text-blue-800 underline underline-offset-2 hover:text-blue-900"
          }`}
        >
          {t(sort)}
        </Link>
      ))}
    </nav>
  );
}
