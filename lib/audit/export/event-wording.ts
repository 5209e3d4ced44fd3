// An audit event in words, for the exports (CSV, PDF): the same message keys as the incident
// page's timeline (components/casework/timeline.tsx, messages/<locale>/casework.json), so the file
// says what the page says. Pure: the translator comes in. Every type of the catalogue is worded (the
// switch is exhaustive: a type added later fails the typecheck until it is); a stored type this
// build does not know reads as the timeline's "Recorded: <type>".
import { type AuditEvent, readAuditEvent } from "@/lib/audit/events";
import type { ExportTranslator } from "@/lib/audit/export/messages";

const EVENTS = "IncidentDetail.timeline.events";

function category(t: ExportTranslator, key: string | undefined): string {
  if (!key) return "";
  return t.has(`Exceptions.categories.${key}`) ? t(`Exceptions.categories.${key}`) : key;
}

function knownTitle(t: ExportTranslator, event: AuditEvent, formatTime: (iso: string) => string): string {
  const step = (key: string) => t(`Incident.steps.${key}`);
  switch (event.type) {
    case "incident.created":
      return event.after.origin === "reconciliation"
        ? t(`${EVENTS}.reconReported`, { category: category(t, event.after.exception?.category) })
        : event.after.drill
          ? t(`${EVENTS}.drillStarted`)
          : t(`${EVENTS}.created`);
    case "step.completed":
      return t(`${EVENTS}.stepCompleted`, { step: step(event.after.step) });
    case "step.skipped":
      return t(`${EVENTS}.stepSkipped`, { step: step(event.after.step) });
    case "incident.closed":
      return t(`${EVENTS}.closed`, { resolution: t(`Incident.resolutions.${event.after.resolution}`) });
    case "incident.reopened":
      return t(`${EVENTS}.reopened`);
    case "merchant.created":
      return t(`${EVENTS}.merchantCreated`, { name: event.after.name });
    case "store.created":
      return t(`${EVENTS}.storeCreated`, { name: event.after.name });
    case "store.renamed":
      return t(`${EVENTS}.storeRenamed`, { from: event.before.name, to: event.after.name });
    case "terminal.created":
      return t(`${EVENTS}.terminalCreated`, { tid: event.after.tid, store: event.after.storeName });
    case "terminal.moved":
      return t(`${EVENTS}.terminalMoved`, {
        tid: event.after.tid,
        from: event.before.storeName,
        to: event.after.storeName,
      });
    case "terminal.deactivated":
      return t(`${EVENTS}.terminalDeactivated`, { tid: event.after.tid });
    case "terminal.reactivated":
      return t(`${EVENTS}.terminalReactivated`, { tid: event.after.tid });
    case "terminal.details_changed":
      return t(`${EVENTS}.terminalDetailsChanged`, { tid: event.after.tid });
    case "terminal.software_threshold_changed":
      return t(`${EVENTS}.softwareThresholdChanged`, { days: event.after.maxAgeDays });
    case "user.created":
      return t(`${EVENTS}.userCreated`, { name: event.after.name, role: t(`Common.roles.${event.after.role}`) });
    case "user.role_changed":
      return t(`${EVENTS}.userRoleChanged`, { email: event.after.email, role: t(`Common.roles.${event.after.role}`) });
    case "user.stores_changed":
      return t(`${EVENTS}.userStoresChanged`, { email: event.after.email });
    case "user.deactivated":
      return t(`${EVENTS}.userDeactivated`, { email: event.after.email });
    case "user.reactivated":
      return t(`${EVENTS}.userReactivated`, { email: event.after.email });
    case "user.unlocked":
      return t(`${EVENTS}.userUnlocked`, { email: event.after.email });
    case "reconciliation.import_queued":
      return t(`${EVENTS}.reconImportQueued`, { file: event.after.fileName });
    case "reconciliation.format_saved":
      return t(`${EVENTS}.reconFormatSaved`, { name: event.after.name });
    case "reconciliation.format_deleted":
      return t(`${EVENTS}.reconFormatDeleted`, { name: event.before.name });
    case "reconciliation.import_completed":
      return t(`${EVENTS}.reconImportCompleted`, { file: event.after.fileName, rows: event.after.rows });
    case "reconciliation.import_failed":
      return t(`${EVENTS}.reconImportFailed`, { file: event.after.fileName, errors: event.after.errorCount });
    case "reconciliation.import_withdrawal_requested":
      return t(`${EVENTS}.reconImportWithdrawalRequested`, { file: event.after.fileName });
    case "reconciliation.import_withdrawn":
      return t(`${EVENTS}.reconImportWithdrawn`, { file: event.after.fileName, rows: event.after.rows });
    case "reconciliation.import_withdrawal_failed":
      return t(`${EVENTS}.reconImportWithdrawalFailed`, { file: event.after.fileName });
    case "reconciliation.evidence_matched":
      return t(`${EVENTS}.reconEvidenceMatched`, { lines: event.after.lines.length });
    case "reconciliation.exception_linked":
      return t(`${EVENTS}.${event.after.followedBy ? "reconExceptionJoined" : "reconExceptionLinked"}`, {
        category: category(t, event.after.category),
        count: 1 + (event.after.more?.length ?? 0),
        reference: event.after.followedBy?.reference ?? "",
      });
    case "reconciliation.lines_paired":
      return t(`${EVENTS}.reconLinesPaired`);
    case "reconciliation.lines_unpaired":
      return t(`${EVENTS}.reconLinesUnpaired`);
    case "notification.sent": {
      const names = event.after.recipients.map((recipient) => recipient.name).join(", ");
      return event.after.notificationType === "incident_notified"
        ? t(`${EVENTS}.notifiedStep`, { names })
        : t(`${EVENTS}.notifiedLogged`, { names });
    }
    case "notification.read":
      return t(`${EVENTS}.notificationRead`);
    case "plan.changed":
      return t(`${EVENTS}.planChanged`, { kind: t(`Incident.kinds.${event.after.kind}`) });
    case "prevention.created":
      return t(`${EVENTS}.preventionCreated`, { type: t(`Prevention.types.${event.after.type}`) });
    case "prevention.completed":
      return t(`${EVENTS}.preventionCompleted`);
    case "deadlines.changed":
      return t(`${EVENTS}.deadlinesChanged`);
    case "calendar.day_added":
      return t(`${EVENTS}.calendarDayAdded`, {
        date: event.after.date,
        name: event.after.name,
        type: event.after.type,
      });
    case "calendar.day_removed":
      return t(`${EVENTS}.calendarDayRemoved`, {
        date: event.before.date,
        name: event.before.name,
        type: event.before.type,
      });
    case "store.cutoff_changed":
      return t(`${EVENTS}.storeCutoffChanged`, { store: event.after.name, time: event.after.cutoffTime });
    case "deadline.reminded":
    case "deadline.escalated": {
      const names = event.after.recipients.map((recipient) => recipient.name).join(", ") || t(`${EVENTS}.nobody`);
      const values = {
        subject: t(`Incident.deadlineSubjects.${event.after.subject}`),
        due: formatTime(event.after.dueAt),
        names,
      };
      return event.type === "deadline.reminded"
        ? t(`${EVENTS}.deadlineReminded`, values)
        : t(`${EVENTS}.deadlineEscalated`, { ...values, level: event.after.level });
    }
    case "audit.exported":
      return t(`${EVENTS}.auditExported`, {
        format: event.after.format.toUpperCase(),
        from: event.after.from ?? "…",
        to: event.after.to ?? "…",
      });
    case "alert.raised":
      return t(`${EVENTS}.alertRaised`, { rule: event.after.rule, subject: event.after.subject.label });
    case "alert.evidence_added":
      return t(`${EVENTS}.alertEvidenceAdded`, {
        rule: event.after.rule,
        count: event.after.incidentIds.length + event.after.lineIds.length,
      });
    case "alert.acknowledged":
      return t(`${EVENTS}.alertAcknowledged`, { rule: event.after.rule });
    case "alert.resolved":
      return t(`${EVENTS}.alertResolved`, { rule: event.after.rule });
    case "alert_rules.updated":
      return t(`${EVENTS}.alertRulesUpdated`);
    case "webhook.updated":
      return t(`${EVENTS}.webhookUpdated`, { origin: event.after.origin });
    case "webhook.removed":
      return t(`${EVENTS}.webhookRemoved`, { origin: event.before.origin });
    default: {
      // Every type of the catalogue is worded: a type added to it fails the typecheck here.
      const unworded: never = event;
      return t(`${EVENTS}.unknown`, { type: (unworded as { type: string }).type });
    }
  }
}

/** What the event did, in words, and the note left with it (masked already when it was stored). */
export function wordEvent(
  t: ExportTranslator,
  stored: { type: string; before: unknown; after: unknown },
  formatTime: (iso: string) => string,
): { title: string; note: string } {
  const read = readAuditEvent(stored);
  if (!read.known) {
    switch (read.type) {
      case "incident.created":
        return { title: t(`${EVENTS}.created`), note: "" };
      case "step.completed":
        return { title: t(`${EVENTS}.stepCompletedPlain`), note: "" };
      case "step.skipped":
        return { title: t(`${EVENTS}.stepSkippedPlain`), note: "" };
      case "incident.closed":
        return { title: t(`${EVENTS}.closedPlain`), note: "" };
      case "incident.reopened":
        return { title: t(`${EVENTS}.reopened`), note: "" };
      default:
        return { title: t(`${EVENTS}.unknown`, { type: read.type }), note: "" };
    }
  }
  const event = read.event;
  const note =
    event.type === "step.completed" ||
    event.type === "step.skipped" ||
    event.type === "incident.closed" ||
    event.type === "incident.reopened"
      ? (event.after.note ?? "")
      : event.type === "prevention.created" || event.type === "prevention.completed"
        ? event.after.note
        : "";
  return { title: knownTitle(t, event, formatTime), note };
}
