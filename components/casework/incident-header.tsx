// The incident's slip facts: reference, kind, status, where, how much, which card (masked), the
// slip numbers, when it happened and when it is due.
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/casework/local-time";
import { maskedCard } from "@/components/casework/masked-card";
import { StatusBadge } from "@/components/casework/status-badge";
import type { IncidentDto } from "@/lib/schemas/incident";

export async function IncidentHeader({ incident }: { incident: IncidentDto }) {
  const t = await getTranslations("IncidentDetail");
  const tIncident = await getTranslations("Incident");
  const format = await getFormatter();
  const card = maskedCard(incident.cardBin, incident.cardLast4);
  const notRecorded = <span className="text-slate-500">{t("notRecorded")}</span>;

  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="text-2xl font-semibold" data-testid="incident-reference">
          {incident.reference}
        </h1>
        <StatusBadge status={incident.status} label={tIncident(`status.${incident.status}`)} />
        {incident.overdue ? (
          <span
            className="rounded-full bg-red-100 px-2.5 py-0.5 text-sm font-medium text-red-800"
            data-testid="incident-overdue"
          >
            {tIncident("overdue")}
          </span>
        ) : null}
      </div>
      <p className="text-lg text-slate-800" data-testid="incident-kind">
        {tIncident(`kinds.${incident.kind}`)}
      </p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
        <Fact label={t("fields.amount")} testId="incident-amount">
          {incident.amount === null
            ? notRecorded
            : format.number(Number(incident.amount), { style: "currency", currency: incident.currency })}
        </Fact>
        <Fact label={t("fields.storeTerminal")} testId="incident-terminal">
          {incident.storeName} · <span className="font-mono">{incident.terminalId}</span>
        </Fact>
        <Fact label={t("fields.card")} testId="incident-card">
          {card ? <span className="font-mono">{card}</span> : notRecorded}
        </Fact>
        <Fact label={t("fields.occurredAt")}>
          <LocalTime iso={incident.occurredAt} />
        </Fact>
        <Fact label={incident.status === "CLOSED" ? t("fields.closedAt") : t("fields.dueAt")} testId="incident-due">
          {incident.status === "CLOSED" && incident.closedAt ? (
            <LocalTime iso={incident.closedAt} />
          ) : (
            <>
              <LocalTime iso={incident.dueAt} />
              {incident.overdue ? <span className="ml-2 font-medium text-red-700">{tIncident("overdue")}</span> : null}
            </>
          )}
        </Fact>
        {incident.resolution ? (
          <Fact label={t("fields.resolution")} testId="incident-resolution">
            {tIncident(`resolutions.${incident.resolution}`)}
          </Fact>
        ) : null}
        <Fact label={t("fields.rrn")}>
          {incident.rrn ? <span className="font-mono">{incident.rrn}</span> : notRecorded}
        </Fact>
        <Fact label={t("fields.authCode")}>
          {incident.authCode ? <span className="font-mono">{incident.authCode}</span> : notRecorded}
        </Fact>
        <Fact label={t("fields.traceBatch")}>
          {incident.traceNo || incident.batchNo ? (
            <span className="font-mono">
              {incident.traceNo ?? "—"} / {incident.batchNo ?? "—"}
            </span>
          ) : (
            notRecorded
          )}
        </Fact>
        <Fact label={t("fields.reportedBy")}>{incident.reportedBy.name}</Fact>
        <div className="sm:col-span-2 lg:col-span-3">
          <dt className="text-sm text-slate-600">{t("fields.description")}</dt>
          <dd className="whitespace-pre-wrap break-words" data-testid="incident-description">
            {incident.description || notRecorded}
          </dd>
        </div>
      </dl>
    </header>
  );
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
