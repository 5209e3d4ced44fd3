// The line errors of a refused file, as a spreadsheet numbers its rows: line, column, problem (the
// server words each problem in the reader's language from its reason).
import { useTranslations } from "next-intl";

export interface RowErrorView {
  line: number;
  column: string | null;
  message: string;
}

export function RowErrorsTable({
  errors,
  total,
  caption,
}: {
  errors: RowErrorView[];
  /** All the errors found, when more than those listed. */
  total?: number;
  caption: string;
}) {
  const t = useTranslations("Reconciliation.upload");
  const more = (total ?? errors.length) - errors.length;
  return (
    <div className="space-y-2">
      <div className="max-h-96 overflow-auto rounded-md border border-red-200">
        <table className="w-full text-left text-sm" data-testid="row-errors">
          <caption className="bg-red-50 px-3 py-2 text-left font-medium text-red-900">{caption}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("line")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("column")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("message")}
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one line may carry several errors in one column.
              <tr key={`${error.line}-${error.column}-${index}`} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 tabular-nums">{error.line}</td>
                <td className="px-3 py-2 break-all">{error.column ?? "—"}</td>
                <td className="px-3 py-2 break-words">{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="text-sm text-slate-700">{t("moreErrors", { count: more })}</p> : null}
    </div>
  );
}
