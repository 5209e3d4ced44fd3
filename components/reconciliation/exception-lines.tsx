// The lines of one exception (the first few; the CSV has them all), folded away until asked for.
import { useTranslations } from "next-intl";
import { ScrollBox } from "@/components/dashboard/scroll-box";
import type { ReconExceptionDto } from "@/lib/schemas/reconciliation";

export function ExceptionLines({ exception }: { exception: ReconExceptionDto }) {
  const t = useTranslations("Reconciliation.exceptions");
  const tExceptions = useTranslations("Exceptions");
  if (exception.lines.length === 0) return null;
  return (
    <details className="group">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-blue-800 underline underline-offset-2">
        {t("details")} ({exception.lineCount})
      </summary>
      <ScrollBox label={t("lineCaption")} testId="exception-lines-scroll">
        <table className="w-full min-w-[36rem] text-left text-xs sm:text-sm">
          <caption className="sr-only">{t("lineCaption")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("source")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("time")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("terminal")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("card")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">
                {t("amount")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("rrn")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("memo")}
              </th>
            </tr>
          </thead>
          <tbody>
            {exception.lines.map((line) => (
              <tr key={line.id} className="border-t border-slate-200" data-line-id={line.id}>
                <td className="py-1 pr-2">{tExceptions(`sources.${line.source}`)}</td>
                <td className="py-1 pr-2 tabular-nums">{line.txAt ?? line.day}</td>
                <td className="py-1 pr-2">{line.tid ?? "—"}</td>
                <td className="py-1 pr-2 font-mono">{line.card ?? "—"}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{line.amount}</td>
                <td className="py-1 pr-2 font-mono">{line.rrn ?? "—"}</td>
                {/* A bank credit is told apart by what the bank wrote: its memo and who paid it. */}
                <td className="py-1 break-words">
                  {[line.memo, line.counterparty].filter(Boolean).join(" · ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </details>
  );
}
