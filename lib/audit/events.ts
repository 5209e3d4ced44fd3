// The catalogue of audit events: one zod schema per event type, a discriminated union on `type`.
// appendEvent accepts only an event of this catalogue (validated before it is hashed), and the
// timeline reads stored events back through it. Stored rows are never rewritten: an event the
// catalogue does not know (an old row, a type from a newer build) reads back as `unknown`, and
// the hash chain is computed over the stored text, so it verifies whatever the catalogue says.
// Pure (no I/O): importable by client and server.
import { z } from "zod";
import { alertRuleSchema } from "@/lib/alerts/rule-settings";
import { ALERT_RULE_TYPES, ALERT_SUBJECT_TYPES } from "@/lib/alerts/types";
import { DEADLINE_SUBJECTS, deadlineSettingsSchema } from "@/lib/deadlines/settings";
import { CAUSES } from "@/lib/incidents/causes";
import { CONTACT_METHODS, INCIDENT_KINDS, INCIDENT_STATUSES, RESOLUTIONS, STEP_KEYS } from "@/lib/incidents/rules";
import { planSchema } from "@/lib/notifications/plan";
import { NOTIFICATION_TYPES } from "@/lib/notifications/types";
import { ROLES } from "@/lib/rbac/permissions";
import { IMPORT_TYPES } from "@/lib/reconciliation/types";
import { PREVENTION_TYPES } from "@/lib/schemas/prevention";

const id = z.string().min(1);
const status = z.enum(INCIDENT_STATUSES);
const version = z.number().int().positive();
/** No snapshot on this side of the event (stored as NULL). */
const none = z.null().optional();

/** One event type: its literal `type` and the shape of its before/after snapshots. */
function eventSchema<Type extends string, Before extends z.ZodType, After extends z.ZodType>(
  type: Type,
  { before, after }: { before: Before; after: After },
) {
  return z.strictObject({ type: z.literal(type), before, after });
}

/** A webhook URL as the audit record keeps it: scheme, host and port, and a SHA-256 (hex) of the whole URL. */
const webhookTarget = z.strictObject({
  origin: z.string().regex(/^https?:\/\/[^/?#\s]+$/),
  urlSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The incident as logged (decimal amount, lower-case kind), without the steps. */
const incidentSnapshot = z.strictObject({
  reference: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  status,
  version,
  storeId: id,
  terminalId: z.string(),
  amount: z.string().nullable(),
  currency: z.string(),
  occurredAt: z.string(),
  cardBin: z.string().nullable(),
  cardLast4: z.string().nullable(),
  rrn: z.string().nullable(),
  authCode: z.string().nullable(),
  traceNo: z.string().nullable(),
  batchNo: z.string().nullable(),
  description: z.string().nullable(),
  /** Present when the cashier logged it although it looked like these open incidents. */
  confirmedDuplicateOf: z.array(z.strictObject({ id, reference: z.string() })).optional(),
  /** Issue 8: "reconciliation" when the reconciliation reported it (absent: a person at the till). */
  origin: z.enum(["till", "reconciliation"]).optional(),
  /** Issue 8: the reconciliation exception it was opened from, its lines linked as evidence. */
  exception: z.strictObject({ id, key: z.string(), category: z.string(), lineCount: z.number().int() }).optional(),
  /** Issue 10: a drill (模拟演练) for the cashier `drillForId` — practice, never counted. */
  drill: z.literal(true).optional(),
  drillForId: id.optional(),
  /** Issue 10: the alert whose rule assigned the drill (absent: a person started it). */
  alertId: id.optional(),
});

/** A deadline's move by the deadline job: which deadline, due when, the level, who was told. */
const deadlineMove = z.strictObject({
  deadlineId: id,
  subject: z.enum(DEADLINE_SUBJECTS),
  dueAt: z.string(),
  level: z.int().min(0),
  preventionActionId: id.optional(),
  recipients: z.array(z.strictObject({ userId: id, name: z.string() })),
  emailed: z.boolean(),
});

const stepBefore = z.strictObject({ step: z.enum(STEP_KEYS), stepStatus: z.literal("pending"), status, version });
const stepAfter = <S extends "done" | "skipped">(stepStatus: S) =>
  z.strictObject({
    step: z.enum(STEP_KEYS),
    stepStatus: z.literal(stepStatus),
    status,
    version,
    note: z.string().optional(),
    contactMethod: z.enum(CONTACT_METHODS).optional(),
    identityVerified: z.literal(true).optional(),
  });

const storeRef = z.strictObject({ storeId: id, name: z.string() });
const storeCutoff = storeRef.extend({ cutoffTime: z.string() });
const calendarDay = z.strictObject({ date: z.string(), type: z.enum(["holiday", "workday"]), name: z.string() });
const terminalPlace = z.strictObject({ terminalId: id, tid: z.string(), storeId: id, storeName: z.string() });
const terminalActive = z.strictObject({ terminalId: id, tid: z.string(), active: z.boolean() });
/** Issue 9: what the admin recorded about a terminal (null: not recorded). */
const terminalDetails = z.strictObject({
  terminalId: id,
  tid: z.string(),
  model: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  softwareUpdatedAt: z.string().nullable(),
  supportContact: z.string().nullable(),
});
const softwareThreshold = z.strictObject({ maxAgeDays: z.number().int().positive() });
const userAccess = z.strictObject({ userId: id, email: z.string(), role: z.enum(ROLES), storeIds: z.array(id) });
const userActive = z.strictObject({ userId: id, email: z.string(), active: z.boolean() });
const userLock = z.strictObject({
  userId: id,
  email: z.string(),
  lockedUntil: z.string().nullable(),
  failedSignIns: z.number().int().nonnegative(),
});

const reconFormatRef = z.strictObject({
  formatId: id,
  name: z.string(),
  type: z.enum(["pos_journal", "statement", "bank_credit"]),
});

// Issue 8 (pipeline): what an import job did, and the lines a later file brought for an incident.
const reconImportRef = z.strictObject({
  importId: id,
  type: z.enum(["pos_journal", "statement", "bank_credit"]),
  fileName: z.string(),
});
// `lineNo` is the line of its file as a spreadsheet numbers it (absent on events written before
// 2026-12-03, which named lines by `id` alone — the database's, meaningless to a reader).
const reconEvidenceLine = z.strictObject({
  id: z.number().int(),
  lineNo: z.number().int().optional(),
  source: z.enum(["pos", "statement", "bank"]),
  tid: z.string().nullable(),
  txAt: z.string().nullable(),
  amount: z.string(),
  rrn: z.string().nullable(),
});

// Issue 8 (exceptions): a line's pairing as a person left it, and an exception linked to a case.
const reconLineState = z.strictObject({
  id: z.number().int(),
  lineNo: z.number().int().optional(),
  source: z.enum(["pos", "statement", "bank"]),
  category: z.string(),
  matchedLineId: z.number().int().nullable(),
  matchRule: z.string().nullable(),
  manual: z.boolean(),
  exceptionId: z.string().nullable(),
});
const reconPairing = z.strictObject({
  lines: z.array(reconLineState),
  /** Exceptions the change explained (resolved) or left needing work again (opened or reopened). */
  resolvedExceptionIds: z.array(id).optional(),
  openedExceptionIds: z.array(id).optional(),
});

export const auditEventSchema = z.discriminatedUnion("type", [
  eventSchema("incident.created", { before: none, after: incidentSnapshot }),
  eventSchema("step.completed", { before: stepBefore, after: stepAfter("done") }),
  eventSchema("step.skipped", { before: stepBefore, after: stepAfter("skipped") }),
  eventSchema("incident.closed", {
    before: z.strictObject({ status, version }),
    after: z.strictObject({
      status: z.literal("CLOSED"),
      version,
      resolution: z.enum(RESOLUTIONS),
      // Since issue 9 (earlier closes in the chain have none of the three).
      causes: z.array(z.enum(CAUSES)).min(1).optional(),
      recoveredMinor: z.number().int().nonnegative().optional(),
      lostMinor: z.number().int().nonnegative().optional(),
      note: z.string().optional(),
    }),
  }),
  eventSchema("incident.reopened", {
    before: z.strictObject({ status, version, resolution: z.enum(RESOLUTIONS).nullable() }),
    after: z.strictObject({ status: z.literal("IN_PROGRESS"), version, note: z.string() }),
  }),
  eventSchema("merchant.created", { before: none, after: z.strictObject({ name: z.string() }) }),
  eventSchema("store.created", {
    before: none,
    // The demo seed also lists the terminals it created with the store.
    after: storeRef.extend({ terminals: z.array(z.string()).optional() }),
  }),
  eventSchema("store.renamed", { before: storeRef, after: storeRef }),
  eventSchema("terminal.created", { before: none, after: terminalPlace.extend({ active: z.boolean() }) }),
  eventSchema("terminal.moved", { before: terminalPlace, after: terminalPlace }),
  eventSchema("terminal.deactivated", { before: terminalActive, after: terminalActive }),
  eventSchema("terminal.reactivated", { before: terminalActive, after: terminalActive }),
  eventSchema("terminal.details_changed", { before: terminalDetails, after: terminalDetails }),
  eventSchema("terminal.software_threshold_changed", { before: softwareThreshold, after: softwareThreshold }),
  eventSchema("user.created", { before: none, after: userAccess.extend({ name: z.string() }) }),
  eventSchema("user.role_changed", { before: userAccess, after: userAccess }),
  eventSchema("user.stores_changed", { before: userAccess, after: userAccess }),
  eventSchema("user.deactivated", {
    before: userActive,
    after: userActive.extend({ sessionsEnded: z.number().int().nonnegative().optional() }),
  }),
  eventSchema("user.reactivated", { before: userActive, after: userActive }),
  eventSchema("user.unlocked", { before: userLock, after: userLock }),
  eventSchema("reconciliation.import_queued", {
    before: none,
    after: z.strictObject({
      importId: id,
      type: z.enum(IMPORT_TYPES),
      fileName: z.string(),
      byteSize: z.number().int().nonnegative(),
      contentHash: z.string(),
      formatId: id.nullable(),
      /** The same file again after its earlier import failed. */
      retry: z.boolean(),
    }),
  }),
  // Issue 8 (pipeline): an import finished (its counts per category) or was refused (its errors).
  eventSchema("reconciliation.import_completed", {
    before: none,
    after: reconImportRef.extend({ rows: z.number().int().nonnegative(), counts: z.record(z.string(), z.number()) }),
  }),
  eventSchema("reconciliation.import_failed", {
    before: none,
    after: reconImportRef.extend({
      rows: z.number().int().nonnegative(),
      errorCount: z.number().int().nonnegative(),
      /** The job's last error, when it failed on every attempt rather than on the file. */
      cause: z.string().optional(),
    }),
  }),
  // Finance withdrew a wrongly imported file: asked (the import "withdrawing"), done (its lines
  // removed and the rest matched again without them), or given up by the job (the import "done" again).
  eventSchema("reconciliation.import_withdrawal_requested", { before: none, after: reconImportRef }),
  eventSchema("reconciliation.import_withdrawn", {
    before: none,
    after: reconImportRef.extend({ rows: z.number().int().nonnegative(), counts: z.record(z.string(), z.number()) }),
  }),
  eventSchema("reconciliation.import_withdrawal_failed", {
    before: none,
    after: reconImportRef.extend({ cause: z.string() }),
  }),
  eventSchema("reconciliation.evidence_matched", {
    before: none,
    after: z.strictObject({ exceptionId: id, category: z.string(), lines: z.array(reconEvidenceLine) }),
  }),
  // Issue 8 (exceptions): an exception linked to an incident that already had its rrn, or that a
  // case follows (its lines moved there); lines paired or unpaired by hand (the matcher leaves such
  // lines as the person set them).
  eventSchema("reconciliation.exception_linked", {
    before: none,
    after: z.strictObject({
      exceptionId: id,
      key: z.string(),
      category: z.string(),
      lines: z.array(reconEvidenceLine),
      /**
       * The other exceptions of that category the case followed at the same time (a missing batch
       * split into its sales): one event, not one per sale; `lines` are all of theirs.
       */
      more: z.array(z.strictObject({ exceptionId: id, key: z.string() })).optional(),
      /**
       * The case that exception is linked to when it is not this one: it took lines of two cases
       * (the one opened first gets it) or had a case of its own — this case's lines joined it.
       */
      followedBy: z.strictObject({ id, reference: z.string() }).optional(),
    }),
  }),
  eventSchema("reconciliation.lines_paired", { before: reconPairing, after: reconPairing }),
  eventSchema("reconciliation.lines_unpaired", { before: reconPairing, after: reconPairing }),
  // Issue 8 (UI): a saved custom import format, created or deleted.
  eventSchema("reconciliation.format_saved", { before: none, after: reconFormatRef }),
  eventSchema("reconciliation.format_deleted", { before: reconFormatRef, after: none }),
  // Issue 9 (notifications): people told of an incident by the emergency plan (by user id, never
  // an e-mail address), and a change of a kind's plan (null before: it was the default).
  eventSchema("notification.sent", {
    before: none,
    after: z.strictObject({
      notificationType: z.enum(NOTIFICATION_TYPES),
      recipients: z.array(z.strictObject({ userId: id, name: z.string() })).min(1),
      /** An e-mail job was queued for them (SMTP_URL set). */
      emailed: z.boolean(),
      /** The step whose completion told them (notify). */
      step: z.enum(STEP_KEYS).optional(),
    }),
  }),
  // Issue 9 (deadlines): the deadline job reminded a deadline's responsible people before it, or
  // told the next level of the ladder after it passed with the work undone (level 1, 2, …). On the
  // incident's timeline (a prevention action's: on each of its incidents'). Recipients may be
  // empty: the move is recorded even when no active person stands on that rung.
  eventSchema("deadline.reminded", { before: none, after: deadlineMove }),
  eventSchema("deadline.escalated", { before: none, after: deadlineMove }),
  // The recipient saw it (the inbox, or opening the incident from it).
  eventSchema("notification.read", {
    before: z.strictObject({ notificationId: id, readAt: z.null() }),
    after: z.strictObject({ notificationId: id, readAt: z.string() }),
  }),
  // Issue 9 (prevention): an action made from closed incidents, on each incident's timeline, and
  // its completion.
  eventSchema("prevention.created", {
    before: none,
    after: z.strictObject({
      actionId: id,
      type: z.enum(PREVENTION_TYPES),
      assigneeId: id,
      dueAt: z.string(),
      note: z.string(),
      incidentIds: z.array(id).min(1),
    }),
  }),
  eventSchema("prevention.completed", {
    before: z.strictObject({ actionId: id, status: z.literal("open") }),
    after: z.strictObject({ actionId: id, status: z.literal("done"), note: z.string() }),
  }),
  eventSchema("plan.changed", {
    before: z.strictObject({ kind: z.enum(INCIDENT_KINDS), plan: planSchema.nullable() }),
    after: z.strictObject({ kind: z.enum(INCIDENT_KINDS), plan: planSchema }),
  }),
  // Issue 9 (deadline settings): the admin's settings replaced (settings null before: the
  // defaults), a holiday or make-up working day (调休) added to or removed from the business
  // calendar, and a store's daily batch cut-off changed.
  eventSchema("deadlines.changed", {
    before: z.strictObject({ timeZone: z.string(), settings: deadlineSettingsSchema.nullable() }),
    after: z.strictObject({ timeZone: z.string(), settings: deadlineSettingsSchema }),
  }),
  eventSchema("calendar.day_added", { before: none, after: calendarDay }),
  eventSchema("calendar.day_removed", { before: calendarDay, after: none }),
  eventSchema("store.cutoff_changed", { before: storeCutoff, after: storeCutoff }),
  // Issue 10: someone exported the audit record (who is the event's actor): the format, the range
  // and store asked for (null: all) and a PDF's language. Not on any incident's timeline.
  eventSchema("audit.exported", {
    before: none,
    after: z.strictObject({
      format: z.enum(["csv", "pdf"]),
      from: z.string().nullable(),
      to: z.string().nullable(),
      storeId: id.nullable(),
      lang: z.string().optional(),
    }),
  }),
  // Issue 10 (alerts, lib/alerts): a rule's condition met (no actor: the evaluation job), with what
  // it names and its evidence by id; a person acknowledging and resolving it; the admin changing the
  // rules (before: the settings in force, defaults included). Not on any incident's timeline.
  eventSchema("alert.raised", {
    before: none,
    after: z.strictObject({
      alertId: id,
      rule: z.enum(ALERT_RULE_TYPES),
      conditionKey: z.string(),
      storeId: id.nullable(),
      subject: z.strictObject({ type: z.enum(ALERT_SUBJECT_TYPES), id: z.string(), label: z.string() }),
      incidentIds: z.array(id),
      lineIds: z.array(z.number().int()),
    }),
  }),
  // The evaluation job found more evidence for an open alert (a fourth slip of the streak): what it
  // added, by id.
  eventSchema("alert.evidence_added", {
    before: none,
    after: z.strictObject({
      alertId: id,
      rule: z.enum(ALERT_RULE_TYPES),
      incidentIds: z.array(id),
      lineIds: z.array(z.number().int()),
    }),
  }),
  eventSchema("alert.acknowledged", {
    before: z.strictObject({ alertId: id, status: z.literal("open") }),
    after: z.strictObject({ alertId: id, status: z.literal("acknowledged"), rule: z.enum(ALERT_RULE_TYPES) }),
  }),
  eventSchema("alert.resolved", {
    before: z.strictObject({ alertId: id, status: z.enum(["open", "acknowledged"]) }),
    after: z.strictObject({ alertId: id, status: z.literal("resolved"), rule: z.enum(ALERT_RULE_TYPES) }),
  }),
  eventSchema("alert_rules.updated", {
    before: z.strictObject({ rules: z.array(alertRuleSchema) }),
    after: z.strictObject({ rules: z.array(alertRuleSchema) }),
  }),
  // Issue 10 (alert webhooks, lib/webhooks): the admin set, changed or removed the merchant's webhook.
  // The URL is recorded by its origin and a SHA-256 of the whole (its path may carry the receiver's
  // token); never the signing secret — only whether a new one was made.
  eventSchema("webhook.updated", {
    before: webhookTarget.nullable(),
    after: webhookTarget.extend({ secretRotated: z.boolean() }),
  }),
  eventSchema("webhook.removed", { before: webhookTarget, after: none }),
]);

/** An event as a caller appends it (snapshots the schema would leave empty may be omitted). */
export type AuditEventInput = z.input<typeof auditEventSchema>;
/** An event of the catalogue as validated or read back. */
export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditEventType = AuditEvent["type"];
/** The event of one type, e.g. `AuditEventOf<"step.completed">`. */
export type AuditEventOf<Type extends AuditEventType> = Extract<AuditEvent, { type: Type }>;

export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = auditEventSchema.options.map(
  (option) => option.shape.type.value,
);

/** Refuses (throws) an event that does not match its type's schema; returns it validated. */
export function validateAuditEvent(event: AuditEventInput): AuditEvent {
  const parsed = auditEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Audit event ${JSON.stringify(event.type)} does not match the catalogue at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** A stored event read back: a catalogue event, or one it does not know (kept as stored). */
export type StoredAuditEvent =
  | { known: true; event: AuditEvent }
  | { known: false; type: string; before: unknown; after: unknown };

/** Reads a stored event's type and parsed before/after snapshots through the catalogue. */
export function readAuditEvent(stored: { type: string; before: unknown; after: unknown }): StoredAuditEvent {
  const parsed = auditEventSchema.safeParse({ type: stored.type, before: stored.before, after: stored.after });
  return parsed.success
    ? { known: true, event: parsed.data }
    : { known: false, type: stored.type, before: stored.before, after: stored.after };
}
