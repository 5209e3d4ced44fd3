// The incident list. With no status chosen it is the caller's work queue: cases not closed whose
// next step their role can take, soonest due first; other statuses and sorts are a choice away.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  ALL_STATUSES_VALUE,
  type FilterValues,
  IncidentFilters,
  SortLinks,
} from "@/components/incidents/incident-filters";
import { IncidentList } from "@/components/incidents/incident-list";
import { incidentListRow } from "@/components/incidents/incident-list-rows";
import { buttonClass } from "@/components/ui/button";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { can } from "@/lib/rbac/permissions";
import { type IncidentSort, type ListIncidentsQuery, listIncidentsQuerySchema } from "@/lib/schemas/incident";
import { listVisibleStores } from "@/lib/stores/list-stores";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("IncidentList");
  return { title: `${t("title")} · Slipcase` };
}

const QUERY_KEYS = Object.keys(listIncidentsQuerySchema.shape) as (keyof ListIncidentsQuery)[];
const FILTER_KEYS = ["q", "status", "kind", "storeId", "from", "to", "overdue"] as const;
/** The page's own default: the work queue's order. (The API's default stays newest first.) */
const DEFAULT_SORT: IncidentSort = "due";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The list query for the page's parameters: no status = the caller's work queue (actionable) —
 * unless they search, which looks through every case —, status=all = every status; the due sort
 * unless another is chosen.
 */
function listQueryOf(params: Record<string, string>): Record<string, string> {
  const { status, ...rest } = params;
  const query: Record<string, string> = { sort: DEFAULT_SORT, ...rest };
  if (status === undefined && rest.q === undefined) query.actionable = "true";
  else if (status !== ALL_STATUSES_VALUE) query.status = status;
  return query;
}

/** The known query parameters, first value each, empty ones dropped (a GET form sends "All" as ""). */
function knownParams(searchParams: SearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const raw = searchParams[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== "") params[key] = value;
  }
  return params;
}

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await pageActor();
  const t = await getTranslations("IncidentList");
  const params = knownParams(await searchParams);
  const parsed = listIncidentsQuerySchema.safeParse(listQueryOf(params));
  const now = new Date();
  // The store picker's choices and the list at once (two round trips in parallel on PostgreSQL).
  const storesRead = listVisibleStores({ actor });
  const listRead = parsed.success ? listIncidents({ actor, query: parsed.data, now }) : null;
  listRead?.catch(() => {}); // awaited below, after the stores
  const stores = await storesRead;
  const activeFilters = FILTER_KEYS.filter((key) => params[key] !== undefined).length;
  const hasFilters = activeFilters > 0;
  const sort = parsed.success ? (parsed.data.sort ?? DEFAULT_SORT) : DEFAULT_SORT;
  const filterValues: FilterValues = {
    ...Object.fromEntries(FILTER_KEYS.map((key) => [key, params[key]])),
    sort: params.sort,
  };
  const hrefFor = (choice: IncidentSort) => {
    const { cursor: _cursor, sort: _sort, ...rest } = params;
    const search = new URLSearchParams(choice === DEFAULT_SORT ? rest : { ...rest, sort: choice }).toString();
    return search ? `/incidents?${search}` : "/incidents";
  };

  const header = (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-x-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <SortLinks current={sort} hrefFor={hrefFor} />
      </div>
      <div className="mb-3 flex flex-wrap items-start gap-3">
        <IncidentFilters values={filterValues} stores={stores} activeCount={activeFilters} />
        {can(actor.role, "incident.create") ? (
          <Link href="/incidents/new" className={`${buttonClass({ variant: "primary" })} max-sm:hidden`}>
            {t("logIncident")}
          </Link>
        ) : null}
      </div>
    </>
  );

  if (!parsed.success) {
    return (
      <>
        {header}
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {t("badQuery")}{" "}
          <Link href="/incidents" className="font-medium underline underline-offset-2">
            {t("filters.clear")}
          </Link>
        </p>
      </>
    );
  }

  let result: Awaited<ReturnType<typeof listIncidents>>;
  try {
    result = await (listRead ?? listIncidents({ actor, query: parsed.data, now }));
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <>
          <h1 className="mb-4 text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-800">
            {t("forbidden")}
          </p>
        </>
      );
    }
    throw error;
  }

  const nextHref = result.nextCursor
    ? `/incidents?${new URLSearchParams({ ...params, cursor: result.nextCursor }).toString()}`
    : null;
  const firstHref = params.cursor
    ? `/incidents?${new URLSearchParams(Object.fromEntries(Object.entries(params).filter(([key]) => key !== "cursor"))).toString()}`
    : null;

  return (
    <>
      {header}
      {result.items.length === 0 ? (
        <p
          data-testid="incidents-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-slate-700"
        >
          {hasFilters ? (
            t("empty")
          ) : (
            <>
              {t("emptyToDo")}{" "}
              <Link
                href={`/incidents?status=${ALL_STATUSES_VALUE}`}
                className="font-medium text-blue-800 underline underline-offset-2"
              >
                {t("showAll")}
              </Link>
            </>
          )}
        </p>
      ) : (
        <IncidentList items={result.items.map(incidentListRow)} now={now} />
      )}
      {nextHref || firstHref ? (
        <nav aria-label={t("pagination")} className="mt-6 flex flex-wrap gap-4">
          {firstHref ? (
            <Link
              href={firstHref}
              className="inline-flex h-11 items-center font-medium text-blue-800 underline underline-offset-2"
            >
              {t("firstPage")}
            </Link>
          ) : null}
          {nextHref ? (
            <Link
              href={nextHref}
              rel="next"
              className="inline-flex h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium text-blue-800 hover:bg-slate-50"
            >
              {t("nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
