"use client";
// What a finished import found: its rows, those an earlier file had brought, a bank file's debits
// skipped, the card numbers it masked and its lines per category.
import { useTranslations } from "next-intl";
import { useCategoryLabel } from "@/components/reconciliation/category-label";

export interface ImportReportView {
  rows?: number;
  /** Found by the parser (what the upload's byte rule could not see: other digits, separators). */
  pansMasked?: number;
  /** Masked in the upload's bytes before the file was stored. */
  pansMaskedOnUpload?: number;
  /** Rows an earlier file had already brought, left out. */
  alreadyImported?: number;
  /** Rows that are no line: a bank statement's debits. */
  skippedRows?: number;
  counts?: Record<string, number>;
}

export function ImportReport({ report }: { report: ImportReportView }) {
  const t = useTranslations("Reconciliation.report");
  const label = useCategoryLabel();
  const counts = Object.entries(report.counts ?? {}).filter(([, count]) => count > 0);
  return (
    <section aria-label={t("heading")} className="space-y-2" data-testid="import-report">
      <h3 className="font-semibold">{t("heading")}</h3>
      <ul className="text-sm text-slate-800">
        {report.rows !== undefined ? (
          <li data-testid="report-rows">
            {t("rows", { count: report.rows - (report.alreadyImported ?? 0) - (report.skippedRows ?? 0) })}
          </li>
        ) : null}
        {report.skippedRows ? (
          <li data-testid="report-skipped">{t("skippedRows", { count: report.skippedRows })}</li>
        ) : null}
        {report.alreadyImported ? (
          <li data-testid="report-already-imported">{t("alreadyImported", { count: report.alreadyImported })}</li>
        ) : null}
        <li data-testid="report-pans">
          {t("pansMasked", { count: (report.pansMaskedOnUpload ?? 0) + (report.pansMasked ?? 0) })}
        </li>
      </ul>
      {counts.length > 0 ? (
        <table className="w-full max-w-md text-left text-sm">
          <caption className="sr-only">{t("countsCaption")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("category")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map(([category, count]) => (
              <tr key={category} data-category={category} className="border-t border-slate-200">
                <td className="py-1 pr-3">{label(category)}</td>
                <td className="py-1 text-right tabular-nums">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {counts.length > 0 ? (
        <p className="text-sm text-slate-600" data-testid="report-counts-note">
          {t("countsNote")}
        </p>
      ) : null}
    </section>
  );
}
