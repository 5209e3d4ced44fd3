// Finance's reconcile queue: open cases whose reconcile step is pending, the ones finance can
// reconcile now first; totals per currency, filters (store, kind, age) and a CSV export of the same
// view. Finance and admins only; the role check is the use case's, here, in the export and again
// in the reconcile action.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FinanceQueue, type FinanceQueueRow } from "@/components/casework/finance-queue";
import { FinanceFilters, FinanceTotals } from "@/components/casework/finance-queue-controls";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import {
  FINANCE_PAGE_ROWS,
  FINANCE_QUEUE_LIMIT,
  type FinanceQueueItem,
  financeRowsToShow,
  listFinanceQueue,
} from "@/lib/incidents/list-finance-queue";
import { type FinanceQueueQuery, financeQueueQuerySchema } from "@/lib/schemas/finance-queue";
import { listVisibleStores } from "@/lib/stores/list-stores";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Finance");
  return { title: t("metaTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** A row's fields for the queue's client component: ~90 bytes a row less (no card, RRN, status) in the RSC payload. */
function financeQueueRow(item: FinanceQueueItem): FinanceQueueRow {
  const {
    status: _status,
    amountMinor: _amountMinor,
    cardBin: _cardBin,
    cardLast4: _cardLast4,
    rrn: _rrn,
    ...row
  } = item;
  return row;
}

const QUERY_KEYS = Object.keys(financeQueueQuerySchema.shape) as (keyof FinanceQueueQuery)[];

/** The known filters, first value each, empty ones dropped (a GET form sends "All" as ""). */
function knownParams(searchParams: SearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const raw = searchParams[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== "") params[key] = value;
  }
  return params;
}

export default async function FinancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations("Finance");
  const tAudit = await getTranslations("Audit");
  const actor = await pageActor();
  const given = await searchParams;
  const params = knownParams(given);
  const shown = financeRowsToShow(given.show);
  const parsed = financeQueueQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : {};
  const search = new URLSearchParams(params).toString();

  const storesRead = listVisibleStores({ actor });
  storesRead.catch(() => {}); // awaited below; a refusal above returns first
  let queue: Awaited<ReturnType<typeof listFinanceQueue>>;
  try {
    queue = await listFinanceQueue({ actor, query, limit: shown });
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="finance-forbidden" />;
    }
    throw error;
  }
  const stores = await storesRead;
  const count = queue.totals.reduce((sum, total) => sum + total.count, 0);
  const ready = queue.totals.reduce((sum, total) => sum + total.ready, 0);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        {/* Issue 10: audit exports (no room for them in the phone header). */}
        <Link href="/audit" className="inline-flex min-h-11 items-center text-sm text-blue-800 underline">
          {tAudit("linkFromOther")}
        </Link>
      </div>
      <FinanceFilters
        values={query}
        stores={stores}
        exportHref={`/api/finance/queue.csv${search ? `?${search}` : ""}`}
      />
      {parsed.success ? null : (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {t("badQuery")}{" "}
          <Link href="/finance" className="font-medium underline underline-offset-2">
            {t("filters.clear")}
          </Link>
        </p>
      )}
      <p className="font-medium" data-testid="finance-summary">
        {t("summary", { count, ready })}
      </p>
      <FinanceTotals totals={queue.totals} />
      <FinanceQueue items={queue.items.map(financeQueueRow)} />
      {queue.truncated && shown < FINANCE_QUEUE_LIMIT ? (
        <Link
          href={`/finance?${new URLSearchParams({ ...params, show: String(shown + FINANCE_PAGE_ROWS) }).toString()}`}
          className="inline-flex min-h-11 items-center font-medium underline underline-offset-2"
          data-testid="finance-show-more"
        >
          {t("showMore", { count: FINANCE_PAGE_ROWS })}
        </Link>
      ) : queue.truncated ? (
        <p className="text-sm text-slate-600">{t("truncated", { count: queue.items.length })}</p>
      ) : null}
    </div>
  );
}
