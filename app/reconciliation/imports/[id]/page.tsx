// /reconciliation/imports/{id}: one import — its progress while it runs, then its report or its
// line errors. The link an "Already imported" answer gives, and where the upload form lands
// without JavaScript (?duplicate=1: the file had been imported before); without JavaScript an
// unfinished import's page reloads itself every few seconds. Another merchant's import is not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ImportTracker } from "@/components/reconciliation/import-tracker";
import { ReconciliationForbidden } from "@/components/reconciliation/page-header";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";
import { getImport } from "@/lib/reconciliation/imports/get-import";
import { isFinished } from "@/lib/reconciliation/imports/serialize-import";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Reconciliation");
  return { title: t("metaTitle") };
}

/** Without JavaScript nothing polls: the page reloads itself this often while the import runs. */
const NO_SCRIPT_REFRESH_SECONDS = 2;

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await pageActor();
  if (!can(actor.role, "reconciliation.view")) return <ReconciliationForbidden />;
  const { id } = await params;
  const t = await getTranslations("Reconciliation");
  const format = await getFormatter();
  const item = await getImport({ actor, id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <Link
        href="/reconciliation"
        className="inline-flex min-h-11 items-center text-sm font-medium text-blue-800 underline underline-offset-2"
      >
        {t("importPage.back")}
      </Link>
      <div>
        <h1 className="break-words text-2xl font-semibold">{t("importPage.title", { file: item.fileName })}</h1>
        <p className="text-slate-700">
          {t(`types.${item.type}`)} ·{" "}
          {t("importPage.uploadedAt", {
            date: format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" }),
          })}
        </p>
      </div>
      {(await searchParams).duplicate === "1" ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950"
          data-testid="upload-duplicate"
        >
          {t("upload.duplicate", {
            date: format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" }),
          })}
        </p>
      ) : null}
      <ImportTracker initial={item} canWithdraw={can(actor.role, "reconciliation.import")} />
      {isFinished(item.status) ? null : (
        <noscript>
          <meta httpEquiv="refresh" content={String(NO_SCRIPT_REFRESH_SECONDS)} />
          <p className="text-sm text-slate-700">
            {t("importPage.noScript")}{" "}
            <a href={`/reconciliation/imports/${item.id}`} className="font-medium underline underline-offset-2">
              {t("importPage.refresh")}
            </a>
          </p>
        </noscript>
      )}
    </div>
  );
}
