// The finance queue's header pieces, rendered on the server: totals per currency (the whole
// queue, not only the cases shown) and the filters — a plain GET form, so they work without
// JavaScript and every view is a link — with the CSV export of the same view.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect, storeOptions } from "@/components/ui/filter-select";
import type { FinanceQueueTotal } from "@/lib/incidents/list-finance-queue";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { FINANCE_QUEUE_AGES, type FinanceQueueQuery } from "@/lib/schemas/finance-queue";
import type { VisibleStore } from "@/lib/stores/list-stores";

export function FinanceTotals({ totals }: { totals: FinanceQueueTotal[] }) {
  const t = useTranslations("Finance.totals");
  const format = useFormatter();
  const money = (minor: number, currency: string) => format.number(minor / 100, { style: "currency", currency });
  if (totals.length === 0) return null;
  return (
    <section aria-label={t("label")} data-testid="finance-totals" className="flex flex-wrap gap-3">
      {totals.map((total) => (
        <div
          key={total.currency}
          data-currency={total.currency}
          className="min-w-48 rounded-lg border border-slate-200 bg-white px-4 py-2"
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{total.currency}</p>
          <p className="text-lg font-semibold tabular-nums text-slate-900">
            {t("line", { count: total.count, amount: money(total.amountMinor, total.currency) })}
          </p>
          <p className="text-sm tabular-nums text-green-800">
            {t("ready", { ready: total.ready, amount: money(total.readyAmountMinor, total.currency) })}
          </p>
        </div>
      ))}
    </section>
  );
}

export function FinanceFilters({
  values,
  stores,
  exportHref,
}: {
  values: FinanceQueueQuery;
  stores: VisibleStore[];
  exportHref: string;
}) {
  const t = useTranslations("Finance");
  const tIncident = useTranslations("Incident");
  return (
    <search aria-label={t("filters.legend")} className="block">
      <form
        method="get"
        action="/finance"
        className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6"
      >
        <FilterSelect
          id="finance-store"
          name="storeId"
          label={t("filters.store")}
          value={values.storeId}
          allLabel={t("filters.allStores")}
          options={storeOptions(stores)}
        />
        <FilterSelect
          id="finance-kind"
          name="kind"
          label={t("filters.kind")}
          value={values.kind}
          allLabel={t("filters.allKinds")}
          options={INCIDENT_KINDS.map((kind) => ({ value: kind, label: tIncident(`kinds.${kind}`) }))}
        />
        <FilterSelect
          id="finance-age"
          name="olderThanDays"
          label={t("filters.age")}
          value={values.olderThanDays}
          allLabel={t("filters.anyAge")}
          options={FINANCE_QUEUE_AGES.map((days) => ({
            value: days,
            label: t("filters.olderThan", { days: Number(days) }),
          }))}
        />
        <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-3 lg:col-span-3">
          <button type="submit" className={buttonClass({ variant: "primary" })}>
            {t("filters.apply")}
          </button>
          <Link
            href="/finance"
            className="inline-flex min-h-11 items-center px-2 text-sm font-medium text-blue-800 underline underline-offset-2"
          >
            {t("filters.clear")}
          </Link>
          <a href={exportHref} download className={`${buttonClass({ variant: "secondary" })} ml-auto`}>
            {t("export")}
          </a>
        </div>
      </form>
    </search>
  );
}
