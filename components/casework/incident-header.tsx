// The incident's slip facts. IncidentHeader is the top of the page, kept short so the next action
// is on a phone's first screen: reference, status, kind, amount, where, and when it is due.
// SlipDetails sits below the checklist: everything else on the slip, with the fields nobody
// recorded gathered in one line instead of a row of "Not recorded" each.
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/casework/local-time";
import { maskedCard } from "@/components/casework/masked-card";
import { DrillBadge, OverdueBadge, StatusBadge } from "@/components/incidents/status-badge";
import type { IncidentDto } from "@/lib/schemas/incident";

export async function IncidentHeader({ incident }: { incident: IncidentDto }) {
  const t = await getTranslations("IncidentDetail");
  const tIncident = await getTranslations("Incident");
  const format = await getFormatter();

  return (
    <header className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold" data-testid="incident-reference">
          {incident.reference}
        </h1>
        {incident.drill ? <DrillBadge drillFor={incident.drillFor} testId="incident-drill" large /> : null}
        <StatusBadge status={incident.status} testId="incident-status" large />
        {incident.overdue ? <OverdueBadge testId="incident-overdue" large /> : null}
      </div>
      {incident.drill ? (
        <p className="text-sm text-blue-900" data-testid="incident-drill-note">
          {tIncident("drillNote", { name: incident.drillFor?.name ?? "" })}
        </p>
      ) : null}
      <p className="text-lg text-slate-800" data-testid="incident-kind">
        {tIncident(`kinds.${incident.kind}`)}
      </p>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
        {incident.amount !== null ? (
          <InlineFact label={t("fields.amount")} testId="incident-amount">
            {format.number(Number(incident.amount), { style: "currency", currency: incident.currency })}
          </InlineFact>
        ) : null}
        <InlineFact label={t("fields.storeTerminal")} testId="incident-terminal">
          {incident.storeName} · <span className="font-mono">{incident.terminalId}</span>
        </InlineFact>
        <InlineFact
          label={incident.status === "CLOSED" ? t("fields.closedAt") : t("fields.dueAt")}
          testId="incident-due"
        >
          {incident.status === "CLOSED" && incident.closedAt ? (
            <LocalTime iso={incident.closedAt} />
          ) : (
            <LocalTime iso={incident.dueAt} className={incident.overdue ? "font-medium text-red-700" : undefined} />
          )}
        </InlineFact>
      </dl>
    </header>
  );
}

export async function SlipDetails({ incident }: { incident: IncidentDto }) {
  const t = await getTranslations("IncidentDetail");
  const tIncident = await getTranslations("Incident");
  const format = await getFormatter();
  const card = maskedCard(incident.cardBin, incident.cardLast4);
  const traceBatch =
    incident.traceNo || incident.batchNo ? `${incident.traceNo ?? "—"} / ${incident.batchNo ?? "—"}` : null;

  const money = (amount: string) => format.number(Number(amount), { style: "currency", currency: incident.currency });
  // Facts a close records: shown while closed, never listed as "not recorded" on an open case.
  const closing: { label: string; value: ReactNode | null; testId?: string; wide?: boolean; closedOnly: true }[] =
    incident.status === "CLOSED"
      ? [
          {
            label: t("fields.causes"),
            testId: "incident-causes",
            closedOnly: true,
            value: incident.causes?.length
              ? format.list(incident.causes.map((cause) => tIncident(`causes.${cause}`)))
              : null,
          },
          {
            label: t("fields.outcome"),
            testId: "incident-outcome",
            closedOnly: true,
            value:
              incident.recoveredAmount !== null && incident.lostAmount !== null
                ? t("fields.outcomeValue", {
                    recovered: money(incident.recoveredAmount),
                    lost: money(incident.lostAmount),
                  })
                : null,
          },
          {
            label: t("fields.closeNote"),
            testId: "incident-close-note",
            closedOnly: true,
            wide: true,
            value: incident.closeNote ? <span className="whitespace-pre-wrap">{incident.closeNote}</span> : null,
          },
        ]
      : [];
  const facts: { label: string; value: ReactNode | null; testId?: string; wide?: boolean; closedOnly?: true }[] = [
    {
      label: t("fields.amount"),
      testId: "incident-amount-detail",
      value:
        incident.amount === null
          ? null
          : format.number(Number(incident.amount), { style: "currency", currency: incident.currency }),
    },
    {
      label: t("fields.card"),
      testId: "incident-card",
      value: card ? <span className="font-mono">{card}</span> : null,
    },
    { label: t("fields.occurredAt"), value: <LocalTime iso={incident.occurredAt} /> },
    {
      label: t("fields.resolution"),
      testId: "incident-resolution",
      value: incident.resolution ? tIncident(`resolutions.${incident.resolution}`) : null,
    },
    ...closing,
    { label: t("fields.rrn"), value: incident.rrn ? <span className="font-mono">{incident.rrn}</span> : null },
    {
      label: t("fields.authCode"),
      value: incident.authCode ? <span className="font-mono">{incident.authCode}</span> : null,
    },
    { label: t("fields.traceBatch"), value: traceBatch ? <span className="font-mono">{traceBatch}</span> : null },
    {
      label: t("fields.reportedBy"),
      value: incident.reportedBy?.name ?? t("fields.reportedByReconciliation"),
    },
    {
      label: t("fields.description"),
      testId: "incident-description",
      wide: true,
      value: incident.description ? <span className="whitespace-pre-wrap">{incident.description}</span> : null,
    },
  ];
  // A closed case has no resolution row to miss; the others say what was not written down.
  const missing = facts.filter(
    (fact) => fact.value === null && fact.label !== t("fields.resolution") && !fact.closedOnly,
  );

  return (
    <section aria-labelledby="slip-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="slip-heading" className="mb-3 text-lg font-semibold">
        {t("slipHeading")}
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {facts
          .filter((fact) => fact.value !== null)
          .map((fact) => (
            <div key={fact.label} className={fact.wide ? "sm:col-span-2 lg:col-span-3" : undefined}>
              <dt className="text-sm text-slate-600">{fact.label}</dt>
              <dd className="break-words" data-testid={fact.testId}>
                {fact.value}
              </dd>
            </div>
          ))}
      </dl>
      {missing.length > 0 ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="incident-not-recorded">
          {t("notRecordedList", { fields: format.list(missing.map((fact) => fact.label)) })}
        </p>
      ) : null}
    </section>
  );
}

function InlineFact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt className="text-slate-600">{label}:</dt>
      <dd className="break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
