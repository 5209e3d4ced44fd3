// The incident list's rows: one card per incident, readable on a phone and on a desk.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { OverdueBadge, StatusBadge } from "@/components/incidents/status-badge";
import { nextAction } from "@/lib/incidents/rules";
import type { IncidentDto } from "@/lib/schemas/incident";

export function IncidentList({ items, now }: { items: IncidentDto[]; now: Date }) {
  const t = useTranslations("IncidentList");
  return (
    <ol aria-label={t("resultsLabel")} className="space-y-3" data-testid="incident-list">
      {items.map((incident) => (
        <IncidentRow key={incident.id} incident={incident} now={now} />
      ))}
    </ol>
  );
}

function IncidentRow({ incident, now }: { incident: IncidentDto; now: Date }) {
  const t = useTranslations("IncidentList.row");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const occurredAt = new Date(incident.occurredAt);
  const next = nextAction({ status: incident.status, steps: incident.steps });

  let nextText: string;
  switch (next.type) {
    case "step":
      nextText = t("nextStep", { step: tIncident(`steps.${next.key}`) });
      break;
    case "close":
      nextText = t("readyToClose");
      break;
    case "none":
      nextText = t("closed");
      break;
    default:
      nextText = next satisfies never;
  }

  return (
    <li
      data-testid="incident-row"
      data-reference={incident.reference}
      className={`rounded-lg border bg-white p-4 shadow-sm ${incident.overdue ? "border-red-300" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`/incidents/${incident.id}`}
          className="font-mono text-base font-semibold text-blue-800 underline underline-offset-2 hover:text-blue-900"
        >
          {incident.reference}
        </Link>
        <StatusBadge status={incident.status} />
        {incident.overdue ? <OverdueBadge /> : null}
        <span className="ml-auto text-sm text-slate-700">{nextText}</span>
      </div>
      <p className="mt-1 font-medium text-slate-900">{tIncident(`kinds.${incident.kind}`)}</p>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">{t("store")}</dt>
          <dd className="text-slate-900">{incident.storeName}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("terminal")}</dt>
          <dd className="font-mono text-slate-900">{incident.terminalId}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("amount")}</dt>
          <dd className="text-slate-900">
            {incident.amount === null ? (
              <span className="text-slate-600">{t("noAmount")}</span>
            ) : (
              format.number(Number(incident.amount), { style: "currency", currency: incident.currency })
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("occurred")}</dt>
          <dd className="text-slate-900">
            <time
              dateTime={incident.occurredAt}
              title={format.dateTime(occurredAt, { dateStyle: "medium", timeStyle: "short" })}
            >
              {format.relativeTime(occurredAt, now)}
            </time>
            <span className="block text-xs text-slate-600">
              {format.dateTime(occurredAt, { dateStyle: "short", timeStyle: "short" })}
            </span>
          </dd>
        </div>
      </dl>
    </li>
  );
}
