// Prevention actions (issue 9, 反馈与改进): what is being changed so mishaps do not happen again.
// Open ones soonest due first (overdue marked), then done ones; a status filter as links, so it
// works without JavaScript. Everyone sees the ones they may (lib/prevention/visible-actions.ts).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PreventionActionList } from "@/components/prevention/action-list";
import { StatusFilterLinks } from "@/components/ui/status-filter-links";
import { pageActor } from "@/lib/auth/page-actor";
import { searchParamIn } from "@/lib/http/search-param";
import { listPreventionActions } from "@/lib/prevention/list-actions";
import { PREVENTION_STATUSES } from "@/lib/schemas/prevention";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Prevention");
  return { title: t("title") };
}

export default async function PreventionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Prevention");
  const actor = await pageActor();
  const status = searchParamIn(PREVENTION_STATUSES, (await searchParams).status);
  const { items, openCount } = await listPreventionActions({ actor, status });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
        <p className="mt-1 text-sm font-medium" data-testid="prevention-open-count">
          {t("openCount", { count: openCount })}
        </p>
      </div>
      <StatusFilterLinks
        label={t("filters.label")}
        path="/prevention"
        statuses={PREVENTION_STATUSES}
        current={status}
        wording={(key) => t(`filters.${key}`)}
      />
      <section className="rounded-lg border border-slate-200 bg-white px-4">
        <PreventionActionList actions={items} actor={actor} emptyText={t("empty")} />
      </section>
    </div>
  );
}
