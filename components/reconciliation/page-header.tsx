// The reconciliation pages' heading, introduction and section links; or, for a role that may not
// see them, the app's "not allowed" answer (the use cases and the API refuse such a role too).
import { useTranslations } from "next-intl";
import { type ReconciliationSection, SectionNav } from "@/components/reconciliation/section-nav";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";

export function ReconciliationHeader({ current, intro }: { current: ReconciliationSection; intro?: string }) {
  const t = useTranslations("Reconciliation");
  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{intro ?? t("intro")}</p>
      </div>
      <SectionNav current={current} />
    </div>
  );
}

export function ReconciliationForbidden() {
  const t = useTranslations("Reconciliation");
  return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="reconciliation-forbidden" />;
}
