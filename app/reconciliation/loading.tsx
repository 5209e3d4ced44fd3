// While a reconciliation page's data loads: a quiet placeholder that says so.
import { useTranslations } from "next-intl";

export default function ReconciliationLoading() {
  const t = useTranslations("Reconciliation");
  return (
    <div className="space-y-3" aria-busy="true">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p role="status" className="text-slate-600">
        {t("summary.loading")}
      </p>
    </div>
  );
}
