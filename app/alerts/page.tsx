// /alerts (issue 10, 风险预警): the alerts the person sees — open first, a status filter as links, so
// it works without JavaScript — with acknowledge and resolve for the roles that act on them; for the
// admin, the alert rules and the alert webhook (components/alerts/webhook-settings.tsx).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AlertList } from "@/components/alerts/alert-list";
import { AlertRuleForm } from "@/components/alerts/rule-form";
import { WebhookSettings } from "@/components/alerts/webhook-settings";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { PagerLinks } from "@/components/ui/pager-links";
import { StatusFilterLinks } from "@/components/ui/status-filter-links";
import { acknowledgeAlertAction, resolveAlertAction, saveAlertRuleAction } from "@/lib/actions/alerts";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { readAlertRules } from "@/lib/alerts/read-alert-rules";
import { ALERT_STATUSES } from "@/lib/alerts/types";
import { pageActor } from "@/lib/auth/page-actor";
import { searchParamIn } from "@/lib/http/search-param";
import { can } from "@/lib/rbac/permissions";
import { ALERTS_PAGE_SIZE } from "@/lib/schemas/alerts";
import { getWebhook } from "@/lib/webhooks/get-webhook";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Alerts");
  return { title: t("title") };
}

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Alerts");
  const actor = await pageActor();
  if (!can(actor.role, "alerts.view")) {
    return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="alerts-forbidden" />;
  }
  const query = await searchParams;
  const status = searchParamIn(ALERT_STATUSES, query.status);
  // One status pages through its older alerts (the all-status view shows each status's newest).
  const cursor = status && typeof query.cursor === "string" && query.cursor.length <= 64 ? query.cursor : undefined;
  const limitAsked = Number(query.limit);
  const limit =
    Number.isInteger(limitAsked) && limitAsked >= 1 && limitAsked <= ALERTS_PAGE_SIZE ? limitAsked : undefined;
  const pageQuery = (more: Record<string, string>) =>
    new URLSearchParams({
      ...(status ? { status } : {}),
      ...(limit ? { limit: String(limit) } : {}),
      ...more,
    }).toString();
  const manages = can(actor.role, "alerts.manage");
  const [{ items, nextCursor }, rules, webhook] = await Promise.all([
    listAlerts({ actor, status, cursor, limit }),
    manages ? readAlertRules({ actor }) : null,
    manages ? getWebhook({ actor }) : null,
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <StatusFilterLinks
        label={t("filters.label")}
        path="/alerts"
        statuses={ALERT_STATUSES}
        current={status}
        wording={(key) => t(`filters.${key}`)}
      />
      <section className="rounded-lg border border-slate-200 bg-white px-4">
        <AlertList
          alerts={items}
          canAct={can(actor.role, "alerts.act")}
          actions={{
            acknowledge: (id) => acknowledgeAlertAction.bind(null, id),
            resolve: (id) => resolveAlertAction.bind(null, id),
          }}
        />
      </section>
      {status ? (
        <PagerLinks
          label={t("pagination.label")}
          first={cursor ? { href: `/alerts?${pageQuery({})}`, text: t("pagination.newest") } : null}
          next={
            nextCursor
              ? {
                  href: `/alerts?${pageQuery({ cursor: nextCursor })}`,
                  text: t("pagination.older"),
                  testId: "alerts-older",
                }
              : null
          }
        />
      ) : null}
      {rules ? (
        <section
          aria-labelledby="alert-rules-heading"
          className="rounded-lg border border-slate-200 bg-white px-4 py-3"
        >
          <h2 id="alert-rules-heading" className="text-xl font-semibold">
            {t("rulesSection.heading")}
          </h2>
          <p className="text-sm text-slate-700">{t("rulesSection.intro")}</p>
          <div className="divide-y divide-slate-200">
            {rules.rules.map((rule) => (
              <AlertRuleForm key={rule.type} rule={rule} action={saveAlertRuleAction.bind(null, rule.type)} />
            ))}
          </div>
        </section>
      ) : null}
      {/* The alert webhook (issue 10, its own helper's piece): admin only. */}
      {webhook ? <WebhookSettings webhook={webhook} /> : null}
    </div>
  );
}
