// The incident's audit trail, oldest first: who did what and when (stored in UTC, shown in the
// viewer's time), with the note they left. Each stored event is read through the audit catalogue
// (lib/audit/events.ts) and rendered by its type; an event the catalogue cannot read (an old row)
// is still listed, by its type alone.
import { getFormatter, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { type AuditEvent, readAuditEvent } from "@/lib/audit/events";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

type TimelineEvent = IncidentDetailDto["timeline"][number];

/** A transaction line an event names (the reconciliation's evidence, a pairing by hand). */
interface EventLine {
  id: number;
  /** Its line in the file; absent on events written before it was recorded. */
  lineNo?: number;
  source: "pos" | "statement" | "bank";
  tid?: string | null;
  txAt?: string | null;
  amount?: string;
  rrn?: string | null;
  /** Set on a pairing by hand: the category the line was left in. */
  category?: string;
}

/** What the event adds below its title: the note left, how the cardholder was reached, lines. */
interface EventDetails {
  note?: string;
  contactMethod?: "phone" | "sms" | "in_person";
  confirmedDuplicateOf?: string[];
  lines?: EventLine[];
}

/** An incident the reconciliation reported: its creator is the finance user who opened it. */
function openedFromReconciliation(event: AuditEvent): boolean {
  return event.type === "incident.created" && event.after.origin === "reconciliation";
}

function detailsOf(event: AuditEvent): EventDetails {
  switch (event.type) {
    case "incident.created":
      return { confirmedDuplicateOf: event.after.confirmedDuplicateOf?.map((duplicate) => duplicate.reference) };
    case "reconciliation.evidence_matched":
    case "reconciliation.exception_linked":
      return { lines: event.after.lines };
    case "reconciliation.lines_paired":
    case "reconciliation.lines_unpaired":
      return { lines: event.after.lines };
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
  const tExceptions = await getTranslations("Exceptions");
  const tPrevention = await getTranslations("Prevention");
  const format = await getFormatter();

  /** A reconciliation category in words (as stored when this build does not know it). */
  function category(key: string | undefined): string {
    if (!key) return "";
    return tExceptions.has(`categories.${key}`) ? tExceptions(`categories.${key}`) : key;
  }

  // By its line in the file, as a spreadsheet numbers it; an event written before lines carried
  // that number says no number (the database's id means nothing to a reader).
  function lineText(line: EventLine): string {
    const source = tExceptions(`sources.${line.source}`);
    const lineNo = line.lineNo ?? "none";
    if (line.category !== undefined) {
      return t("reconLineState", { source, lineNo, category: category(line.category) });
    }
    return t("reconLine", {
      source,
      lineNo,
      terminal: line.tid ?? "",
      time: line.txAt ?? "",
      amount: line.amount ?? "",
      rrn: line.rrn ?? "—",
    });
  }

  function title(event: AuditEvent): string {
    switch (event.type) {
      case "incident.created":
        // Reported by the reconciliation itself; the byline names who opened it from there.
        return event.after.origin === "reconciliation"
          ? t("events.reconReported", { category: category(event.after.exception?.category) })
          : event.after.drill
            ? t("events.drillStarted")
            : t("events.created");
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
      case "terminal.details_changed":
        return t("events.terminalDetailsChanged", { tid: event.after.tid });
      case "terminal.software_threshold_changed":
        return t("events.softwareThresholdChanged", { days: event.after.maxAgeDays });
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
      case "reconciliation.import_withdrawal_requested":
        return t("events.reconImportWithdrawalRequested", { file: event.after.fileName });
      case "reconciliation.import_withdrawn":
        return t("events.reconImportWithdrawn", { file: event.after.fileName, rows: event.after.rows });
      case "reconciliation.import_withdrawal_failed":
        return t("events.reconImportWithdrawalFailed", { file: event.after.fileName });
      case "reconciliation.evidence_matched":
        return t("events.reconEvidenceMatched", { lines: event.after.lines.length });
      case "reconciliation.exception_linked":
        return t(event.after.followedBy ? "events.reconExceptionJoined" : "events.reconExceptionLinked", {
          category: category(event.after.category),
          count: 1 + (event.after.more?.length ?? 0),
          reference: event.after.followedBy?.reference ?? "",
        });
      case "reconciliation.lines_paired":
        return t("events.reconLinesPaired");
      case "reconciliation.lines_unpaired":
        return t("events.reconLinesUnpaired");
      case "notification.sent": {
        const names = event.after.recipients.map((recipient) => recipient.name).join(", ");
        return event.after.notificationType === "incident_notified"
          ? t("events.notifiedStep", { names })
          : t("events.notifiedLogged", { names });
      }
      case "prevention.created":
        return t("events.preventionCreated", { type: tPrevention(`types.${event.after.type}`) });
      case "prevention.completed":
        return t("events.preventionCompleted");
      case "notification.read":
        return t("events.notificationRead");
      case "plan.changed":
        return t("events.planChanged", { kind: tIncident(`kinds.${event.after.kind}`) });
      case "deadlines.changed":
        return t("events.deadlinesChanged");
      case "calendar.day_added":
        return t("events.calendarDayAdded", { date: event.after.date, name: event.after.name, type: event.after.type });
      case "calendar.day_removed":
        return t("events.calendarDayRemoved", {
          date: event.before.date,
          name: event.before.name,
          type: event.before.type,
        });
      case "store.cutoff_changed":
        return t("events.storeCutoffChanged", { store: event.after.name, time: event.after.cutoffTime });
      case "audit.exported":
        return t("events.auditExported", {
          format: event.after.format.toUpperCase(),
          from: event.after.from ?? "…",
          to: event.after.to ?? "…",
        });
      // Issue 10: alert events are on no incident's timeline; worded for completeness.
      case "alert.raised":
        return t("events.alertRaised", { rule: event.after.rule, subject: event.after.subject.label });
      case "alert.evidence_added":
        return t("events.alertEvidenceAdded", {
          rule: event.after.rule,
          count: event.after.incidentIds.length + event.after.lineIds.length,
        });
      case "alert.acknowledged":
        return t("events.alertAcknowledged", { rule: event.after.rule });
      case "alert.resolved":
        return t("events.alertResolved", { rule: event.after.rule });
      case "alert_rules.updated":
        return t("events.alertRulesUpdated");
      case "webhook.updated":
        return t("events.webhookUpdated", { origin: event.after.origin });
      case "webhook.removed":
        return t("events.webhookRemoved", { origin: event.before.origin });
      case "deadline.reminded":
      case "deadline.escalated": {
        const names = event.after.recipients.map((recipient) => recipient.name).join(", ") || t("events.nobody");
        const values = {
          subject: tIncident(`deadlineSubjects.${event.after.subject}`),
          due: format.dateTime(new Date(event.after.dueAt), { dateStyle: "medium", timeStyle: "short" }),
          names,
        };
        return event.type === "deadline.reminded"
          ? t("events.deadlineReminded", values)
          : t("events.deadlineEscalated", { ...values, level: event.after.level });
      }
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
                  <LocalTime iso={stored.at} /> ·{" "}
                  {stored.actor && read.known && openedFromReconciliation(read.event)
                    ? t("reconOpenedBy", { name: stored.actor.name })
                    : (stored.actor?.name ?? t("system"))}
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
                {details.lines?.length ? (
                  <ul className="text-slate-700" data-testid="timeline-event-lines">
                    {details.lines.map((line) => (
                      <li key={line.id} className="break-words">
                        {lineText(line)}
                      </li>
                    ))}
                  </ul>
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
