// The /audit page's view of the audit trail: the latest signed checkpoint, its quick check, and the
// whole trail's verification when it was asked for (a plain link: ?verify=1).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { QuickCheck } from "@/lib/audit/read-audit-status";
import type { StoredCheckpoint } from "@/lib/audit/write-checkpoint";

export async function AuditStatusPanel({
  checkpoint,
  quick,
  fullResult,
  fullOk,
}: {
  checkpoint: StoredCheckpoint | null;
  quick: QuickCheck;
  /** The whole trail's verification in words, when it was run. */
  fullResult: string | null;
  fullOk: boolean;
}) {
  const t = await getTranslations("Audit.status");
  const format = await getFormatter();
  const good = quick === "ok" || quick === "none";
  return (
    <section aria-labelledby="audit-status-heading" className="space-y-2" data-testid="audit-status">
      <h2 id="audit-status-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p
        role={good ? undefined : "alert"}
        data-testid="audit-quick-check"
        data-status={quick}
        className={good ? "text-green-900" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900"}
      >
        {t(`quick.${quick}`)}
      </p>
      {checkpoint ? (
        <div>
          <h3 className="font-medium">{t("latestCheckpoint")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="audit-checkpoint">
            <dt className="text-slate-600">{t("seq")}</dt>
            <dd>{checkpoint.seq}</dd>
            <dt className="text-slate-600">{t("hash")}</dt>
            <dd className="break-all font-mono">{checkpoint.hash}</dd>
            <dt className="text-slate-600">{t("signedAt")}</dt>
            <dd>{format.dateTime(checkpoint.at, { dateStyle: "medium", timeStyle: "medium" })}</dd>
            <dt className="text-slate-600">{t("source")}</dt>
            <dd>{checkpoint.source === "export" ? t("sources.export") : t("sources.schedule")}</dd>
          </dl>
        </div>
      ) : null}
      {fullResult === null ? (
        <Link
          href="/audit?verify=1"
          className="inline-flex min-h-11 items-center font-medium text-blue-800 underline underline-offset-2"
          data-testid="audit-verify-all"
        >
          {t("verifyAll")}
        </Link>
      ) : (
        <p
          data-testid="audit-full-check"
          data-ok={fullOk}
          className={fullOk ? "text-green-900" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900"}
        >
          {t("fullResult", { result: fullResult })}
        </p>
      )}
    </section>
  );
}
