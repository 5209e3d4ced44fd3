// The /audit page's export form: a plain GET form straight to the export routes (no JavaScript
// needed: the CSV button submits to the form's action, the PDF button names its own), so a
// download is an ordinary link a browser saves. Blank fields mean no filter (lib/schemas/audit.ts).
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { FilterSelect, filterControlClass, filterLabelClass } from "@/components/ui/filter-select";
import type { Locale } from "@/lib/i18n/locales";

export async function AuditExportForm({
  stores,
  from,
  to,
  locale,
  pdfLimit,
}: {
  stores: { id: string; name: string }[];
  from: string;
  to: string;
  locale: Locale;
  pdfLimit: number;
}) {
  const t = await getTranslations("Audit");
  return (
    <form method="get" action="/api/audit/export.csv" className="space-y-3" data-testid="audit-export-form">
      <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <legend className="mb-2 font-medium">{t("filters.legend")}</legend>
        <div>
          <label htmlFor="audit-from" className={filterLabelClass}>
            {t("filters.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={from} className={filterControlClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className={filterLabelClass}>
            {t("filters.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={to} className={filterControlClass} />
        </div>
        <FilterSelect
          id="audit-store"
          name="storeId"
          label={t("filters.store")}
          value=""
          allLabel={t("filters.allStores")}
          options={stores.map((store) => ({ value: store.id, label: store.name }))}
        />
        <FilterSelect
          id="audit-lang"
          name="lang"
          label={t("filters.lang")}
          value={locale}
          options={[
            { value: "en", label: "English" },
            { value: "zh-CN", label: "简体中文" },
          ]}
        />
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="primary" data-testid="audit-download-csv">
          {t("downloadCsv")}
        </Button>
        <Button type="submit" formAction="/api/audit/export.pdf" data-testid="audit-download-pdf">
          {t("downloadPdf")}
        </Button>
      </div>
      <p className="text-sm text-slate-600">{t("pdfLimit", { limit: pdfLimit })}</p>
    </form>
  );
}
