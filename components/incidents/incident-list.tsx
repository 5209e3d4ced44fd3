"use client";
// The incident list's rows: a dense table-like grid on a desk screen, compact cards on a phone.
// Each row is one link (the whole row is the tap target); its name is the reference and the rest
// of the row is its description, so a screen reader hears "INC-000123, Wrong amount, due in 3h…".
// A client component fed the rows' few fields (incident-list-rows.ts): rendered on the server, the
// 50 rows went into the page's RSC payload as their element trees (~1.9 KB a row, beside the
// HTML); as props they are ~0.3 KB a row, and the HTML is the same.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { IncidentListRow } from "@/components/incidents/incident-list-rows";
import { DrillBadge, OverdueBadge, StatusBadge } from "@/components/incidents/status-badge";

/** Columns shared by the header and the rows on wider screens (sm and up). */
const COLUMNS =
  "sm:grid sm:grid-cols-[6.5rem_minmax(0,1.4fr)_6.5rem_8.5rem_minmax(0,1fr)_6rem_7rem_minmax(0,1.2fr)] sm:items-center sm:gap-x-3";
// A row's long class lists are named once in app/globals.css (incident-row, with the same
// columns; incident-ref) instead of repeated on each of a page's 50 rows, which the server writes
// twice (the HTML and the RSC payload): the page's render time grows with its bytes.

export function IncidentList({ items, now }: { items: IncidentListRow[]; now: Date }) {
  const t = useTranslations("IncidentList");
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div
        aria-hidden="true"
        className={`hidden border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 ${COLUMNS}`}
      >
        <span>{t("row.reference")}</span>
        <span>{t("row.kind")}</span>
        <span>{t("row.status")}</span>
        <span>{t("row.due")}</span>
        <span>{t("row.store")}</span>
        <span>{t("row.terminal")}</span>
        <span className="text-right">{t("row.amount")}</span>
        <span>{t("row.next")}</span>
      </div>
      <ol aria-label={t("resultsLabel")} className="divide-y divide-slate-200" data-testid="incident-list">
        {items.map((incident) => (
          <IncidentRow key={incident.id} incident={incident} now={now} />
        ))}
      </ol>
    </div>
  );
}

function IncidentRow({ incident, now }: { incident: IncidentListRow; now: Date }) {
  const t = useTranslations("IncidentList.row");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const next = incident.next;

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
  const nameId = `incident-${incident.id}-name`;
  const detailsId = `incident-${incident.id}-details`;

  return (
    <li data-testid="incident-row" data-reference={incident.reference} data-due={incident.dueAt}>
      <Link
        href={`/incidents/${incident.id}`}
        aria-labelledby={nameId}
        aria-describedby={detailsId}
        className={incident.overdue ? "group incident-row incident-row-overdue" : "group incident-row"}
      >
        <span id={nameId} className="incident-ref">
          {incident.reference}
        </span>
        <span id={detailsId} className="contents">
          <span className="truncate font-medium text-slate-900">{tIncident(`kinds.${incident.kind}`)}</span>
          <span className="flex items-center gap-1">
            {incident.drill ? <DrillBadge drillFor={incident.drillFor} /> : null}
            <StatusBadge status={incident.status} />
            {incident.overdue ? <OverdueBadge /> : null}
          </span>
          <DueCountdown incident={incident} now={now} />
          <span className="truncate text-slate-700 max-sm:basis-auto">{incident.storeName}</span>
          <span className="font-mono text-slate-700">{incident.terminalId}</span>
          <span className="text-slate-900 tabular-nums sm:text-right">
            {incident.amount === null ? (
              <span className="text-slate-600">{t("noAmount")}</span>
            ) : (
              format.number(Number(incident.amount), { style: "currency", currency: incident.currency })
            )}
          </span>
          <span className="truncate text-slate-700 max-sm:ml-auto">{nextText}</span>
        </span>
      </Link>
    </li>
  );
}

/** "Due in 3h" or, in red, "Overdue 2h": the time left (or gone) to the case's due time. */
function DueCountdown({ incident, now }: { incident: IncidentListRow; now: Date }) {
  const t = useTranslations("IncidentList.row");
  const format = useFormatter();
  const due = new Date(incident.dueAt);
  const title = format.dateTime(due, { dateStyle: "medium", timeStyle: "short" });
  if (incident.status === "CLOSED") {
    return (
      <time dateTime={incident.dueAt} title={title} className="text-slate-600">
        {format.dateTime(due, { dateStyle: "short" })}
      </time>
    );
  }
  // A drill counts in no deadline: past the due time it sorts by, it shows none.
  if (incident.drill && due.getTime() < now.getTime()) return <span />;
  const { value, unit } = durationOf(Math.abs(due.getTime() - now.getTime()));
  const time = format.number(value, { style: "unit", unit, unitDisplay: "narrow" });
  return (
    <time
      dateTime={incident.dueAt}
      title={title}
      className={incident.overdue ? "font-semibold text-red-700" : "text-slate-800"}
      data-testid="incident-due"
    >
      {incident.overdue ? t("overdueBy", { time }) : t("dueIn", { time })}
    </time>
  );
}

/** A duration as one number and a unit: minutes under an hour, hours under two days, else days. */
function durationOf(ms: number): { value: number; unit: "minute" | "hour" | "day" } {
  const minutes = Math.floor(ms / 60_000);
  const [value, unit]: [number, "minute" | "hour" | "day"] =
    minutes < 60
      ? [minutes, "minute"]
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), "hour"]
        : [Math.floor(minutes / 1440), "day"];
  return { value, unit };
}
