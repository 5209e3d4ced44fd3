// Prevention actions (issue 9, 反馈与改进): what is being changed so mishaps do not happen again.
// Open ones soonest due first (overdue marked), then done ones; a status filter as links, so it
// works without JavaScript. Everyone sees the ones they may (lib/prevention/visible-actions.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PreventionActionList } from "@/components/prevention/action-list";
import { pageActor } from "@/lib/auth/page-actor";
import { listPreventionActions } from "@/lib/prevention/list-actions";
import { PREVENTION_STATUSES, type PreventionStatus } from "@/lib/schemas/prevention";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Prevention");
  return { title: t("title") };
}

function statusOf(value: string | string[] | undefined): PreventionStatus | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return (PREVENTION_STATUSES as readonly string[]).includes(first ?? "") ? (first as PreventionStatus) : undefined;
}

export default async function PreventionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Prevention");
  const actor = await pageActor();
  const status = statusOf((await searchParams).status);
  const { items, openCount } = await listPreventionActions({ actor, status });
  const filters: { key: string; href: string; current: boolean }[] = [
    { key: "all", href: "/prevention", current: status === undefined },
    ...PREVENTION_STATUSES.map((value) => ({
      key: value,
      href: `/prevention?status=${value}`,
      current: status === value,
    })),
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
        <p className="mt-1 text-sm font-medium" data-testid="prevention-open-count">
          {t("openCount", { count: openCount })}
        </p>
      </div>
      <nav aria-label={t("filters.label")}>
        <ul className="flex gap-1">
          {filters.map((filter) => (
            <li key={filter.key}>
              <Link
                href={filter.href}
                aria-current={filter.current ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm ${
                  filter.current ? "bg-slate-900 text-white" : "text-blue-800 underline underline-offset-2"
                }`}
              >
                {t(`filters.${filter.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white px-4">
        <PreventionActionList actions={items} actor={actor} emptyText={t("empty")} />
      </section>
    </div>
  );
}
