// Finance's reconcile queue: open cases whose reconcile step is pending, oldest first. Finance and
// admins only; the role check is the use case's, here and again in the reconcile action.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FinanceQueue } from "@/components/casework/finance-queue";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { type FinanceQueueItem, listFinanceQueue } from "@/lib/incidents/list-finance-queue";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Finance");
  return { title: t("metaTitle") };
}

async function loadQueue(): Promise<{ items: FinanceQueueItem[]; truncated: boolean } | "forbidden"> {
  const actor = await pageActor();
  try {
    return await listFinanceQueue({ actor });
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return "forbidden";
    throw error;
  }
}

export default async function FinancePage() {
  const t = await getTranslations("Finance");
  const queue = await loadQueue();

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {queue === "forbidden" ? (
        <p
          role="alert"
          data-testid="finance-forbidden"
          className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
        >
          {t("forbidden")}
        </p>
      ) : (
        <>
          <p className="text-slate-700">{t("intro")}</p>
          <p className="font-medium" data-testid="finance-summary">
            {t("summary", {
              count: queue.items.length,
              ready: queue.items.filter((item) => item.ready).length,
            })}
          </p>
          {queue.truncated ? (
            <p className="text-sm text-slate-600">{t("truncated", { count: queue.items.length })}</p>
          ) : null}
          <FinanceQueue items={queue.items} />
        </>
      )}
    </div>
  );
}
