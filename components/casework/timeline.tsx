// The incident's audit trail, oldest first: who did what and when (stored in UTC, shown in the
// viewer's time), with the note they left. Each stored event is read through the audit catalogue
// (lib/audit/events.ts) and rendered by its type; an event the catalogue cannot read (an old row)
// is still listed, by its type alone.
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { type AuditEvent, readAuditEvent } from "@/lib/audit/events";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

type TimelineEvent = IncidentDetailDto["timeline"][number];

/** What the event adds below its title: the note left, how the cardholder was reached. */
interface EventDetails {
  note?: string;
  contactMethod?: "phone" | "sms" | "in_person";
  confirmedDuplicateOf?: string[];
}

function detailsOf(event: AuditEvent): EventDetails {
  switch (event.type) {
    case "incident.created":
      return { confirmedDuplicateOf: event.after.confirmedDuplicateOf?.map((duplicate) => duplicate.reference) };
    case "step.completed":
    case "step.skipped":
      return { note: event.after.note, contactMethod: event.after.contactMethod };
    case "incident.closed":
    case "incident.reopened":
      return { note: event.after.note };
    default:
      return {};
  }
}

export async function Timeline({ events }: { events: TimelineEvent[] }) {
  const t = await getTranslations("IncidentDetail.timeline");
  const tIncident = await getTranslations("Incident");
  const tCommon = await getTranslations("Common");

  function title(event: AuditEvent): string {
    switch (event.type) {
      case "incident.created":
        return t("events.created");
      case "step.completed":
        return t("events.stepCompleted", { step: tIncident(`steps.${event.after.step}`) });
      case "step.skipped":
        return t("events.stepSkipped", { step: tIncident(`steps.${event.after.step}`) });
      case "incident.closed":
        return t("events.closed", { resolution: tIncident(`resolutions.${event.after.resolution}`) });
      case "incident.reopened":
        return t("events.reopened");
      case "merchant.created":
        return t("events.merchantCreated", { name: event.after.name });
      case "store.created":
        return t("events.storeCreated", { name: event.after.name });
      case "store.renamed":
        return t("events.storeRenamed", { from: event.before.name, to: event.after.name });
      case "terminal.created":
        return t("events.terminalCreated", { tid: event.after.tid, store: event.after.storeName });
      case "terminal.moved":
        return t("events.terminalMoved", {
          tid: event.after.tid,
          from: event.before.storeName,
          to: event.after.storeName,
        });
      case "terminal.deactivated":
        return t("events.terminalDeactivated", { tid: event.after.tid });
      case "terminal.reactivated":
        return t("events.terminalReactivated", { tid: event.after.tid });
      case "user.created":
        return t("events.userCreated", { name: event.after.name, role: tCommon(`roles.${event.after.role}`) });
      case "user.role_changed":
        return t("events.userRoleChanged", { email: event.after.email, role: tCommon(`roles.${event.after.role}`) });
      case "user.stores_changed":
        return t("events.userStoresChanged", { email: event.after.email });
      case "user.deactivated":
        return t("events.userDeactivated", { email: event.after.email });
      case "user.reactivated":
        return t("events.userReactivated", { email: event.after.email });
      case "user.unlocked":
        return t("events.userUnlocked", { email: event.after.email });
      case "reconciliation.import_queued":
        return t("events.reconImportQueued", { file: event.after.fileName });
      case "reconciliation.format_saved":
        return t("events.reconFormatSaved", { name: event.after.name });
      case "reconciliation.format_deleted":
        return t("events.reconFormatDeleted", { name: event.before.name });
      case "reconciliation.import_completed":
        return t("events.reconImportCompleted", { file: event.after.fileName, rows: event.after.rows });
      case "reconciliation.import_failed":
        return t("events.reconImportFailed", { file: event.after.fileName, errors: event.after.errorCount });
      case "reconciliation.evidence_matched":
        return t("events.reconEvidenceMatched", { lines: event.after.lines.length });
      default:
        return event satisfies never;
    }
  }

  /** An event the catalogue cannot read (written before it, or by a newer build): its type only. */
  function legacyTitle(type: string): string {
    switch (type) {
      case "incident.created":
        return t("events.created");
      case "step.completed":
        return t("events.stepCompletedPlain");
      case "step.skipped":
        return t("events.stepSkippedPlain");
      case "incident.closed":
        return t("events.closedPlain");
      case "incident.reopened":
        return t("events.reopened");
      default:
        return t("events.unknown", { type });
    }
  }

  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {events.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {events.map((stored) => {
            const read = readAuditEvent(stored);
            const details = read.known ? detailsOf(read.event) : {};
            return (
              <li
                key={stored.seq}
                data-testid="timeline-event"
                data-type={stored.type}
                data-known={read.known}
                className="text-sm"
              >
                <p className="font-medium text-slate-900">{read.known ? title(read.event) : legacyTitle(read.type)}</p>
                <p className="text-slate-600">
                  <LocalTime iso={stored.at} /> · {stored.actor?.name ?? t("system")}
                </p>
                {details.confirmedDuplicateOf?.length ? (
                  <p className="text-amber-800">
                    {t("confirmedDuplicate", { references: details.confirmedDuplicateOf.join(", ") })}
                  </p>
                ) : null}
                {details.contactMethod ? (
                  <p className="text-slate-700">
                    {t("contactMethod", { method: tIncident(`contactMethods.${details.contactMethod}`) })}
                  </p>
                ) : null}
                {details.note ? (
                  <p className="whitespace-pre-wrap break-words text-slate-800">{t("note", { note: details.note })}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
