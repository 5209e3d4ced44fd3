// Issue 9: on a terminal_fault incident, what the admin recorded about its terminal — model,
// software version and its last update, the provider's support contact — and the software flag,
// so whoever handles the fault knows whom to call and whether an update is overdue.
import { useTranslations } from "next-intl";
import { SoftwareStatusBadge } from "@/components/admin/software-status";
import type { IncidentTerminalDto } from "@/lib/schemas/terminal-details";

export function IncidentTerminal({ terminal }: { terminal: IncidentTerminalDto }) {
  const t = useTranslations("TerminalDetails");
  const notRecorded = t("notRecorded");
  const facts = [
    { key: "model", label: t("model"), value: terminal.model },
    { key: "softwareVersion", label: t("softwareVersion"), value: terminal.softwareVersion },
    { key: "softwareUpdatedAt", label: t("softwareUpdatedAt"), value: terminal.softwareUpdatedAt },
    { key: "supportContact", label: t("supportContact"), value: terminal.supportContact },
  ];
  return (
    <section
      aria-labelledby="incident-terminal-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="incident-terminal"
    >
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="incident-terminal-heading" className="text-lg font-semibold">
          {t("incidentHeading", { tid: terminal.tid })}
        </h2>
        <SoftwareStatusBadge status={terminal.softwareStatus} maxAgeDays={terminal.maxAgeDays} />
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
        {facts.map((fact) => (
          <div key={fact.key}>
            <dt className="text-sm text-slate-600">{fact.label}</dt>
            <dd className="break-words" data-testid={`incident-terminal-${fact.key}`}>
              {fact.value ?? <span className="text-slate-600">{notRecorded}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {terminal.softwareStatus === "current" ? null : (
        <p className="mt-3 text-sm text-slate-700">
          {terminal.softwareStatus === "outdated"
            ? t("incidentOutdated", { days: terminal.maxAgeDays })
            : t("incidentUnknown")}
        </p>
      )}
    </section>
  );
}
