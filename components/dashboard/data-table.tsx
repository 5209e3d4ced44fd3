// The numbers behind a chart, one click away: a disclosure (works without JavaScript) holding the
// table of lib/dashboard/dashboard-tables.ts, worded in the reader's language, scrolling sideways
// inside its own box on a phone. The CSV of the same table is the link beside it.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ScrollBox } from "@/components/dashboard/scroll-box";
import { bucketLongLabel } from "@/lib/dashboard/chart-geometry";
import { type TableCell, type TableData, type Translate, wordMessage } from "@/lib/dashboard/dashboard-tables";

export function DataTable({ id, caption, data }: { id: string; caption: string; data: TableData }) {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const translate: Translate = (key, values) => t(key, values);

  const text = (cell: TableCell): string => {
    switch (cell.type) {
      case "text":
        return cell.value;
      case "message":
        return wordMessage(translate, cell.message);
      case "messages":
        return format.list(cell.messages.map((message) => wordMessage(translate, message)));
      case "bucket": {
        const label = bucketLongLabel(cell.start, cell.grain, locale);
        return label.week ? t("Dashboard.tables.weekOf", { date: label.date }) : label.date;
      }
      case "count":
        return format.number(cell.value);
      case "decimal":
        return cell.value === null ? "–" : format.number(cell.value, { maximumFractionDigits: 1 });
      case "money":
        return format.number(cell.minor / 100, { style: "currency", currency: cell.currency });
      case "instant":
        if (cell.value === null) return cell.none ? wordMessage(translate, cell.none) : "–";
        return format.dateTime(new Date(cell.value), { dateStyle: "medium" });
      default:
        return cell satisfies never;
    }
  };
  const numeric = data.columns.map((column) => column.numeric);
  const cellClass = (index: number) =>
    `whitespace-nowrap px-2 py-1.5 ${numeric[index] ? "text-right tabular-nums" : "text-left"}`;

  return (
    <details className="group rounded-md border border-slate-200" data-testid={`table-${id}`}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
        {t("Dashboard.showNumbers")}
      </summary>
      <ScrollBox label={caption} className="border-t border-slate-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              {data.columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed (two may share a message key)
                <th key={`${column.label.key}-${index}`} scope="col" className={`${cellClass(index)} font-semibold`}>
                  {wordMessage(translate, column.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are the figures' order and never move
              <tr key={rowIndex} className="border-t border-slate-100">
                {row.map((cell, index) =>
                  index === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                    <th key={index} scope="row" className={`${cellClass(index)} font-normal`}>
                      {text(cell)}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                    <td key={index} className={cellClass(index)}>
                      {text(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          {data.footer.length > 0 ? (
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              {data.footer.map((row, rowIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the footer's rows are fixed
                <tr key={rowIndex}>
                  {row.map((cell, index) =>
                    index === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                      <th key={index} scope="row" className={cellClass(index)}>
                        {text(cell)}
                      </th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                      <td key={index} className={cellClass(index)}>
                        {text(cell)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tfoot>
          ) : null}
        </table>
      </ScrollBox>
    </details>
  );
}
