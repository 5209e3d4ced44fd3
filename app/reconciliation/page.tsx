// /reconciliation: import a POS journal, an acquirer statement or bank credits (progress followed
// to the end), the recent imports, and the summary of a period (default: the last 30 days) with
// the way to its exceptions. Finance and admins only; every use case and API checks the role too.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/reconciliation/import-panel";
import { ReconciliationForbidden, ReconciliationHeader } from "@/components/reconciliation/page-header";
import { defaultPeriod } from "@/components/reconciliation/period";
import { PeriodFilters } from "@/components/reconciliation/period-filters";
import { SummaryView } from "@/components/reconciliation/summary-view";
import { UploadNotice } from "@/components/reconciliation/upload-notice";
import { pageActor } from "@/lib/auth/page-actor";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { errorText } from "@/lib/errors/translate";
import type { Locale } from "@/lib/i18n/locales";
import { can } from "@/lib/rbac/permissions";
import { getReconciliationSummary } from "@/lib/reconciliation/exceptions/get-summary";
import { listFormats } from "@/lib/reconciliation/formats/list-formats";
import { sizeLimitText } from "@/lib/reconciliation/imports/size-limit-text";
import { type UploadNotice as UploadNoticeData, uploadNoticeOf } from "@/lib/reconciliation/imports/upload-page-answer";
import { type ReconciliationSummaryQuery, reconciliationSummaryQuerySchema } from "@/lib/schemas/reconciliation";
import { listVisibleStores } from "@/lib/stores/list-stores";
import { knownParams, type SearchParams, withPeriod } from "./query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Reconciliation");
  return { title: t("metaTitle") };
}

/** A plain upload sent back here (lib/reconciliation/imports/upload-page-answer.ts), in words. */
async function uploadNoticeView(notice: UploadNoticeData | null, limitText: string) {
  if (!notice) return null;
  const t = await getTranslations("Reconciliation");
  const locale = (await getLocale()) as Locale;
  const format = await getFormatter();
  if (notice.reason === "FILE_REFUSED") {
    return (
      <UploadNotice
        message={errorText(locale, { reason: "FILE_REFUSED", params: { count: notice.count ?? 1 } })}
        detail={
          notice.lines.length > 0
            ? t("upload.refusedLines", { lines: format.list(notice.lines.map((line) => format.number(line))) })
            : undefined
        }
      />
    );
  }
  if (notice.reason === "FILE_TOO_LARGE") return <UploadNotice message={t("upload.tooLarge", { limit: limitText })} />;
  if (!notice.reason) return <UploadNotice message={t("upload.notImported")} />;
  if (notice.field === "file" && notice.reason === "REQUIRED") return <UploadNotice message={t("upload.chooseFile")} />;
  const text = errorText(locale, { reason: notice.reason });
  return <UploadNotice message={notice.field ? `${t(`upload.${notice.field}`)}: ${text}` : text} />;
}

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "reconciliation.view")) return <ReconciliationForbidden />;
  const t = await getTranslations("Reconciliation");
  const address = await searchParams;
  const params = withPeriod(knownParams(address, ["from", "to", "storeId"]));
  const parsed = reconciliationSummaryQuerySchema.safeParse(params);
  const query: ReconciliationSummaryQuery = parsed.success ? parsed.data : defaultPeriod();
  const [formats, stores, summary] = await Promise.all([
    can(actor.role, "reconciliation.import") ? listFormats({ actor }) : Promise.resolve([]),
    listVisibleStores({ actor }),
    // A store of no one's (a stale link) shows the whole merchant rather than an error page.
    getReconciliationSummary({ actor, query }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND" && query.storeId) {
        return getReconciliationSummary({ actor, query: { from: query.from, to: query.to } });
      }
      throw error;
    }),
  ]);
  const exceptionsQuery = new URLSearchParams(
    Object.entries({ from: query.from, to: query.to, storeId: query.storeId }).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  ).toString();

  return (
    <div className="space-y-6">
      <ReconciliationHeader current="overview" />
      {can(actor.role, "reconciliation.import") ? (
        <ImportPanel
          formats={formats}
          limitText={sizeLimitText(env.IMPORT_MAX_BYTES)}
          limitBytes={env.IMPORT_MAX_BYTES}
          uploadHeading={t("upload.heading")}
          notice={await uploadNoticeView(uploadNoticeOf(address), sizeLimitText(env.IMPORT_MAX_BYTES))}
        />
      ) : null}
      <div className="space-y-3">
        <PeriodFilters
          action="/reconciliation"
          from={query.from ?? ""}
          to={query.to ?? ""}
          storeId={query.storeId}
          stores={stores}
          legend={t("summary.heading")}
        />
        {parsed.success ? null : (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
            <Link href="/reconciliation" className="font-medium underline underline-offset-2">
              {t("summary.period", { from: query.from ?? "", to: query.to ?? "" })}
            </Link>
          </p>
        )}
        <SummaryView summary={summary} exceptionsHref={`/reconciliation/exceptions?${exceptionsQuery}`} />
      </div>
    </div>
  );
}
