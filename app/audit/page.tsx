// Audit and compliance (issue 10): export every incident of a period with its timeline as CSV or a
// PDF report for an outside auditor, and see the audit trail's latest signed checkpoint. Admin,
// finance and supervisors (their stores); the check is the use case's, and again in each export.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditExportForm } from "@/components/audit/audit-export-form";
import { AuditStatusPanel } from "@/components/audit/audit-status";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { verificationText } from "@/lib/audit/export/export-rows";
import { AUDIT_PDF_MAX_INCIDENTS } from "@/lib/audit/export/limits";
import { exportTranslator } from "@/lib/audit/export/messages";
import { readAuditStatus } from "@/lib/audit/read-audit-status";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale } from "@/lib/i18n/locales";
import { listVisibleStores } from "@/lib/stores/list-stores";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Audit");
  return { title: t("title") };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Audit");
  const actor = await pageActor();
  const locale = await getLocale();
  const verify = (await searchParams).verify === "1";
  let status: Awaited<ReturnType<typeof readAuditStatus>>;
  try {
    status = await readAuditStatus({ actor, full: verify });
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="audit-forbidden" />;
    }
    throw error;
  }
  const stores = await listVisibleStores({ actor });
  const today = new Date().toISOString().slice(0, 10);
  const readerLocale = isLocale(locale) ? locale : "en";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <section aria-labelledby="audit-export-heading" className="space-y-2">
        <h2 id="audit-export-heading" className="text-lg font-semibold">
          {t("exportHeading")}
        </h2>
        <AuditExportForm
          stores={stores}
          from={`${today.slice(0, 8)}01`}
          to={today}
          locale={readerLocale}
          pdfLimit={AUDIT_PDF_MAX_INCIDENTS}
        />
      </section>
      <AuditStatusPanel
        checkpoint={status.checkpoint}
        quick={status.quick}
        fullResult={status.full ? verificationText(exportTranslator(readerLocale), status.full) : null}
        fullOk={status.full?.ok ?? false}
      />
    </div>
  );
}
