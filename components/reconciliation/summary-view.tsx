// The summary of a period: lines per source and category (count and amount), what became of each
// settle date's bank credit, and how many exceptions need work, with the way to them.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { LINE_SOURCES } from "@/lib/reconciliation/types";
import type { ReconciliationSummaryDto } from "@/lib/schemas/reconciliation";

export function SummaryView({
  summary,
  exceptionsHref,
}: {
  summary: ReconciliationSummaryDto;
  exceptionsHref: string;
}) {
  const t = useTranslations("Reconciliation.summary");
  const tExceptions = useTranslations("Exceptions");
  const format = useFormatter();
  const label = (category: string) =>
    tExceptions.has(`categories.${category}`) ? tExceptions(`categories.${category}`) : category;
  const money = (amount: string, currency = "CNY") =>
    format.number(Number(amount), { style: "currency", currency, currencyDisplay: "narrowSymbol" });
  const bySource = LINE_SOURCES.map((source) => ({
    source,
    rows: summary.lines.filter((line) => line.source === source),
  })).filter((group) => group.rows.length > 0);

  return (
    <section aria-labelledby="summary-heading" className="space-y-4" data-testid="reconciliation-summary">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="summary-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <p className="flex flex-wrap items-center gap-3">
          <span className="font-medium" data-testid="summary-open-exceptions">
            {t("openExceptions", { count: summary.exceptions.open })}
          </span>
          <Link href={exceptionsHref} className={buttonClass({ variant: "secondary" })}>
            {t("viewExceptions")}
          </Link>
        </p>
      </div>
      {bySource.length === 0 && summary.settlements.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        {bySource.map((group) => (
          <table key={group.source} className="w-full text-left text-sm" data-source={group.source}>
            <caption className="pb-1 text-left font-semibold text-slate-900">
              {tExceptions(`sources.${group.source}`)}
            </caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("category")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  {t("count")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t("amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row) => (
                <tr
                  key={`${row.category}-${row.currency}`}
                  data-category={row.category}
                  className="border-t border-slate-200"
                >
                  <td className="py-1 pr-2">{label(row.category)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(row.count)}</td>
                  <td className="py-1 text-right tabular-nums">{money(row.amount, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      {summary.settlements.length > 0 ? (
        <table className="w-full max-w-xl text-left text-sm" data-testid="summary-settlements">
          <caption className="pb-1 text-left font-semibold text-slate-900">{t("settlementsHeading")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("category")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">
                {t("settlementCount")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">
                {t("expected")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("shortBy")}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.settlements.map((row) => (
              <tr key={row.category} data-category={row.category} className="border-t border-slate-200">
                <td className="py-1 pr-2">{label(row.category)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{format.number(row.count)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{money(row.expected)}</td>
                <td className="py-1 text-right tabular-nums">{money(row.shortBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
