// The period and store filters of the summary and the exceptions: a plain GET form, so every view
// is a link and the filters work without JavaScript. Extra selects (category, status) come as
// children.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect, filterControlClass, filterLabelClass, storeOptions } from "@/components/ui/filter-select";
import type { VisibleStore } from "@/lib/stores/list-stores";

export function PeriodFilters({
  action,
  from,
  to,
  storeId,
  stores,
  legend,
  children,
}: {
  action: string;
  from: string;
  to: string;
  storeId?: string;
  stores: VisibleStore[];
  legend: string;
  children?: ReactNode;
}) {
  const t = useTranslations("Reconciliation.summary");
  return (
    <search aria-label={legend} className="block">
      <form
        method="get"
        action={action}
        className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4"
      >
        <div className="min-w-0">
          <label htmlFor="period-from" className={filterLabelClass}>
            {t("from")}
          </label>
          <input id="period-from" name="from" type="date" defaultValue={from} className={filterControlClass} />
        </div>
        <div className="min-w-0">
          <label htmlFor="period-to" className={filterLabelClass}>
            {t("to")}
          </label>
          <input id="period-to" name="to" type="date" defaultValue={to} className={filterControlClass} />
        </div>
        <FilterSelect
          id="period-store"
          name="storeId"
          label={t("store")}
          value={storeId}
          allLabel={t("allStores")}
          options={storeOptions(stores)}
          className="min-w-0"
        />
        {children}
        <div className="flex items-end">
          <button type="submit" className={buttonClass({ variant: "primary" })}>
            {t("apply")}
          </button>
        </div>
      </form>
    </search>
  );
}
