"use client";
// The first rows of a sample file, each with a radio to say "this row names the columns".
import { useTranslations } from "next-intl";

export function PreviewTable({
  rows,
  fileName,
  headerLine,
  onHeaderLine,
}: {
  rows: string[][];
  fileName: string;
  /** 1-based, as a spreadsheet numbers rows. */
  headerLine: number | null;
  onHeaderLine: (line: number) => void;
}) {
  const t = useTranslations("Formats.builder");
  const width = Math.max(1, ...rows.map((row) => row.length));
  return (
    <fieldset className="min-w-0 space-y-1">
      <legend className="text-sm font-medium text-slate-800">{t("headerRow")}</legend>
      <p id="preview-hint" className="text-sm text-slate-600">
        {t("headerRowHint")}
      </p>
      <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
        <table className="w-full text-left text-xs sm:text-sm" data-testid="format-preview">
          <caption className="sr-only">{t("previewCaption", { file: fileName })}</caption>
          <thead className="sticky top-0 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("row")}
              </th>
              {Array.from({ length: width }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions.
                <th key={index} scope="col" className="px-2 py-1 font-mono">
                  {String.fromCharCode(65 + (index % 26))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const line = index + 1;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the file.
                <tr key={index} className={`border-t border-slate-200 ${line === headerLine ? "bg-blue-50" : ""}`}>
                  <th scope="row" className="px-1 py-0 font-normal">
                    <label className="flex min-h-11 cursor-pointer items-center gap-1 px-1 tabular-nums">
                      <input
                        type="radio"
                        name="headerLine"
                        value={line}
                        checked={line === headerLine}
                        onChange={() => onHeaderLine(line)}
                        aria-describedby="preview-hint"
                        className="size-4"
                      />
                      {line}
                    </label>
                  </th>
                  {Array.from({ length: width }, (_, column) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions.
                    <td key={column} className="max-w-48 truncate px-2 py-1">
                      {row[column] ?? ""}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
