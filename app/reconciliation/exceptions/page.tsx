// /reconciliation/exceptions: what needs a person, filtered by period (default: the last 30 days),
// category, store, status and whether an incident is opened for it yet; incidents opened from one
// or a selection; the CSV of the same view.
// Finance and admins only; the list, the CSV and the incident routes check the role again.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExceptionsList } from "@/components/reconciliation/exceptions-list";
import { ReconciliationForbidden, ReconciliationHeader } from "@/components/reconciliation/page-header";
import { defaultPeriod } from "@/components/reconciliation/period";
import { PeriodFilters } from "@/components/reconciliation/period-filters";
import { FilterSelect } from "@/components/ui/filter-select";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";
import { listExceptions } from "@/lib/reconciliation/exceptions/list-exceptions";
import {
  EXCEPTION_CATEGORIES,
  EXCEPTION_INCIDENT_FILTERS,
  EXCEPTION_STATUSES,
  type ListExceptionsQuery,
  listExceptionsQuerySchema,
} from "@/lib/schemas/reconciliation";
import { listVisibleStores } from "@/lib/stores/list-stores";
import { knownParams, type SearchParams, withPeriod } from "../query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Reconciliation");
  return { title: `${t("exceptions.heading")} · ${t("metaTitle")}` };
}

const FILTER_KEYS = ["from", "to", "category", "storeId", "status", "incident"] as const;

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "reconciliation.view")) return <ReconciliationForbidden />;
  const t = await getTranslations("Reconciliation");
  const tExceptions = await getTranslations("Exceptions");
  const params = withPeriod(knownParams(await searchParams, FILTER_KEYS));
  const parsed = listExceptionsQuerySchema.safeParse(params);
  const query: ListExceptionsQuery = parsed.success
    ? parsed.data
    : listExceptionsQuerySchema.parse({ ...defaultPeriod() });
  const filters = new URLSearchParams(
    FILTER_KEYS.flatMap((key) => (query[key] ? [[key, String(query[key])]] : [])),
  ).toString();
  const [stores, page] = await Promise.all([
    listVisibleStores({ actor }),
    listExceptions({ actor, query }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") return { items: [], nextCursor: null };
      throw error;
    }),
  ]);

  return (
    <div className="space-y-6">
      <ReconciliationHeader current="exceptions" intro={t("exceptions.intro")} />
      <PeriodFilters
        action="/reconciliation/exceptions"
        from={query.from ?? ""}
        to={query.to ?? ""}
        storeId={query.storeId}
        stores={stores}
        legend={t("exceptions.heading")}
      >
        <FilterSelect
          id="exceptions-category"
          name="category"
          label={t("exceptions.category")}
          value={query.category}
          allLabel={t("exceptions.allCategories")}
          options={EXCEPTION_CATEGORIES.map((category) => ({
            value: category,
            label: tExceptions.has(`categories.${category}`) ? tExceptions(`categories.${category}`) : category,
          }))}
          className="min-w-0"
        />
        <FilterSelect
          id="exceptions-status"
          name="status"
          label={t("exceptions.status")}
          value={query.status}
          options={EXCEPTION_STATUSES.map((status) => ({ value: status, label: tExceptions(`status.${status}`) }))}
          className="min-w-0"
        />
        <FilterSelect
          id="exceptions-incident"
          name="incident"
          label={t("exceptions.incidentFilter")}
          value={query.incident}
          allLabel={t("exceptions.incidentFilterAll")}
          options={EXCEPTION_INCIDENT_FILTERS.map((value) => ({
            value,
            label: t(`exceptions.incidentFilters.${value}`),
          }))}
          className="min-w-0"
        />
      </PeriodFilters>
      <ExceptionsList
        key={filters}
        initial={page}
        query={filters}
        canPair={can(actor.role, "reconciliation.resolve")}
      />
    </div>
  );
}
