// The incident page's "Reconciliation evidence": the transaction lines the incident was opened
// from or linked to (source, time, terminal, masked card, amount, rrn, category). Finance and
// admins only: the page passes null for the other roles.
import { getFormatter, getTranslations } from "next-intl/server";
import { ScrollBox } from "@/components/dashboard/scroll-box";
import { formatAmount } from "@/components/reconciliation/line-amount";
import type { ReconLineDto } from "@/lib/schemas/reconciliation";

export async function LinkedLines({ lines, total }: { lines: ReconLineDto[]; total: number }) {
  const t = await getTranslations("Exceptions");
  const format = await getFormatter();
  const category = (key: string) => (t.has(`categories.${key}`) ? t(`categories.${key}`) : key);
  const columns = ["source", "time", "terminal", "card", "amount", "rrn", "category"] as const;
  return (
    <section
      aria-labelledby="evidence-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="reconciliation-evidence"
    >
      <h2 id="evidence-heading" className="text-lg font-semibold">
        {t("linkedLines.heading")}
      </h2>
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("linkedLines.empty")}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">{t("linkedLines.intro")}</p>
          <ScrollBox label={t("linkedLines.heading")} className="mt-2">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  {columns.map((column) => (
                    <th
                      key={column}
                      scope="col"
                      className={`py-1 pr-2 font-medium ${column === "amount" ? "text-right" : ""}`}
                    >
                      {t(`linkedLines.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr
                    key={line.id}
                    className="border-t border-slate-200"
                    data-testid="evidence-line"
                    data-line-id={line.id}
                  >
                    <td className="py-1 pr-2">{t(`sources.${line.source}`)}</td>
                    <td className="py-1 pr-2 tabular-nums">{line.txAt ?? line.day}</td>
                    <td className="py-1 pr-2">{line.tid ?? "—"}</td>
                    <td className="py-1 pr-2 font-mono">{line.card ?? "—"}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(format, line)}</td>
                    <td className="py-1 pr-2 font-mono">{line.rrn ?? "—"}</td>
                    <td className="py-1">{category(line.category)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          {total > lines.length ? (
            <p className="mt-2 text-sm text-slate-600">{t("linkedLines.more", { count: total - lines.length })}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
