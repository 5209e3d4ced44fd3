// The alerts on /alerts: each names its rule, what it is about, its store and when it was raised,
// its figures and its evidence (incidents linked to their pages, transaction lines with TID, time,
// amount and masked card), who acknowledged or resolved it, and — for a role that acts on alerts —
// the Acknowledge and Resolve buttons (server actions: they post without JavaScript too).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/admin/action-button";
import type { FormAction } from "@/components/admin/use-admin-form";
import { LocalTime } from "@/components/casework/local-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AlertStatus } from "@/lib/alerts/types";
import type { AlertDto } from "@/lib/schemas/alerts";

const STATUS_TONES = {
  open: "danger",
  acknowledged: "warning",
  resolved: "muted",
} as const satisfies Record<AlertStatus, BadgeTone>;

export async function AlertList({
  alerts,
  canAct,
  actions,
}: {
  alerts: AlertDto[];
  canAct: boolean;
  actions: { acknowledge: (id: string) => FormAction; resolve: (id: string) => FormAction };
}) {
  const t = await getTranslations("Alerts");
  const format = await getFormatter();
  if (alerts.length === 0) return <p className="py-4 text-slate-600">{t("empty")}</p>;
  const money = (minor: string, currency: string) =>
    format.number(Number(minor) / 100, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
  return (
    <ol className="divide-y divide-slate-200" data-testid="alert-list">
      {alerts.map((alert) => {
        const figures = Object.fromEntries(
          Object.entries(alert.evidence.figures).map(([key, value]) => [
            key,
            key === "medianMinor" ? money(String(value), "CNY") : format.number(value),
          ]),
        );
        return (
          <li
            key={alert.id}
            className="space-y-2 py-4"
            data-testid="alert"
            data-alert-id={alert.id}
            data-status={alert.status}
            data-rule={alert.rule}
          >
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS_TONES[alert.status]}>{t(`status.${alert.status}`)}</Badge>
              <h2 className="text-lg font-semibold">{t(`rules.${alert.rule}`)}</h2>
            </div>
            <p className="text-slate-900">
              {t(`subjects.${alert.subject.type}`)}: <span className="font-medium">{alert.subject.label}</span>
              {" · "}
              {alert.storeName ? t("store", { store: alert.storeName }) : t("noStore")}
            </p>
            <p className="text-sm text-slate-700">
              {t("raised")} <LocalTime iso={alert.createdAt} />
              {alert.acknowledgedBy ? ` · ${t("acknowledgedBy", { name: alert.acknowledgedBy.name })}` : null}
              {alert.resolvedBy ? ` · ${t("resolvedBy", { name: alert.resolvedBy.name })}` : null}
            </p>
            <p className="text-sm text-slate-800">
              {t(`figures.${alert.rule}`, {
                count: figures.count ?? "",
                days: figures.days ?? "",
                minutes: figures.minutes ?? "",
                threshold: figures.threshold ?? "",
                lineCount: alert.evidence.figures.lineCount ?? alert.evidence.lines.length,
                z: figures.z ?? "",
                median: figures.medianMinor ?? "",
                weeks: figures.weeks ?? "",
                weeklyMedian: figures.weeklyMedian ?? "",
                perThousand: figures.perThousand ?? "",
                unsigned: figures.unsigned ?? "",
                sales: figures.sales ?? "",
              })}
            </p>
            <details className="text-sm">
              <summary className="min-h-11 cursor-pointer py-2 text-blue-800 underline underline-offset-2">
                {t("evidence")}
              </summary>
              <div className="space-y-2 pb-2">
                {alert.evidence.exception ? (
                  <p>
                    {t("exception", {
                      category: t.has(`categories.${alert.evidence.exception.category}`)
                        ? t(`categories.${alert.evidence.exception.category}`)
                        : alert.evidence.exception.category,
                      day: alert.evidence.exception.day,
                      amount: money(alert.evidence.exception.amountMinor, alert.evidence.exception.currency),
                    })}
                  </p>
                ) : null}
                {alert.evidence.incidents.length > 0 ? (
                  <div>
                    <p className="font-medium">{t("incidents")}</p>
                    <ul className="flex flex-wrap gap-x-3">
                      {alert.evidence.incidents.map((incident) => (
                        <li key={incident.id}>
                          <Link
                            href={`/incidents/${incident.id}`}
                            className="inline-flex min-h-11 items-center text-blue-800 underline underline-offset-2"
                          >
                            {incident.reference}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {alert.evidence.lines.length > 0 ? (
                  <div>
                    <p className="font-medium">{t("lines")}</p>
                    <ul className="space-y-1 font-mono text-xs">
                      {alert.evidence.lines.map((line) => (
                        <li key={line.id}>
                          {t("line", {
                            tid: line.tid ?? "—",
                            time: line.txAt ?? "—",
                            amount: money(line.amountMinor, line.currency),
                            card: line.cardMasked ?? "—",
                          })}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </details>
            {canAct && alert.status !== "resolved" ? (
              <div className="flex flex-wrap gap-2">
                {alert.status === "open" ? (
                  <ActionButton action={actions.acknowledge(alert.id)} success={t("acknowledged")}>
                    {t("acknowledge")}
                    <span className="sr-only"> ({alert.subject.label})</span>
                  </ActionButton>
                ) : null}
                <ActionButton action={actions.resolve(alert.id)} success={t("resolvedDone")}>
                  {t("resolve")}
                  <span className="sr-only"> ({alert.subject.label})</span>
                </ActionButton>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
