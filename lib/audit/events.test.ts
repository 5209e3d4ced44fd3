// The audit catalogue restated: the event types it holds, each with its own schema, and what it
// accepts and refuses.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { chainedEvent } from "@/lib/audit/append-event";
import {
  AUDIT_EVENT_TYPES,
  type AuditEventInput,
  auditEventSchema,
  readAuditEvent,
  validateAuditEvent,
} from "@/lib/audit/events";
import { GENESIS_HASH } from "@/lib/audit/hash";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

/** A whole card number, made here rather than written out (none is kept in the repository). */
const fullPan = `411111111111111${luhnCheckDigit("411111111111111")}`;

const link = { merchantId: "m1", seq: 1, prevHash: GENESIS_HASH };

const stepCompleted = {
  type: "step.completed",
  before: { step: "halt", stepStatus: "pending", status: "OPEN", version: 1 },
  after: { step: "halt", stepStatus: "done", status: "IN_PROGRESS", version: 2, note: "Voided on the terminal" },
} as const satisfies AuditEventInput;

describe("the audit event catalogue", () => {
  test("holds exactly these event types, each with its own schema", () => {
    expect([...AUDIT_EVENT_TYPES].sort()).toEqual(
      [
        "incident.created",
        "step.completed",
        "step.skipped",
        "incident.closed",
        "incident.reopened",
        "merchant.created",
        "store.created",
        "store.renamed",
        "terminal.created",
        "terminal.moved",
        "terminal.deactivated",
        "terminal.reactivated",
        "terminal.details_changed",
        "terminal.software_threshold_changed",
        "user.created",
        "user.role_changed",
        "user.stores_changed",
        "user.deactivated",
        "user.reactivated",
        "user.unlocked",
        "reconciliation.import_queued",
        "reconciliation.format_saved",
        "reconciliation.format_deleted",
        "reconciliation.import_completed",
        "reconciliation.import_failed",
        "reconciliation.import_withdrawal_requested",
        "reconciliation.import_withdrawn",
        "reconciliation.import_withdrawal_failed",
        "reconciliation.evidence_matched",
        "reconciliation.exception_linked",
        "reconciliation.lines_paired",
        "reconciliation.lines_unpaired",
        "notification.sent",
        "notification.read",
        "plan.changed",
        "prevention.created",
        "prevention.completed",
        "deadline.reminded",
        "deadline.escalated",
        "deadlines.changed",
        "calendar.day_added",
        "calendar.day_removed",
        "store.cutoff_changed",
        "audit.exported",
        "alert.raised",
        "alert.evidence_added",
        "alert.acknowledged",
        "alert.resolved",
        "alert_rules.updated",
        "webhook.updated",
        "webhook.removed",
      ].sort(),
    );
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(auditEventSchema.options.length);
  });

  test("accepts an event of its type's shape", () => {
    expect(validateAuditEvent(stepCompleted)).toEqual(stepCompleted);
  });

  test.each<[string, unknown]>([
    ["an unknown type", { ...stepCompleted, type: "step.redone" }],
    ["another type's payload", { ...stepCompleted, type: "incident.closed" }],
    ["a missing field", { ...stepCompleted, after: { ...stepCompleted.after, version: undefined } }],
    ["an extra field", { ...stepCompleted, after: { ...stepCompleted.after, pan: fullPan } }],
    ["a wrong value", { ...stepCompleted, after: { ...stepCompleted.after, step: "dance" } }],
    ["a step status not of its type", { ...stepCompleted, after: { ...stepCompleted.after, stepStatus: "skipped" } }],
    ["a snapshot where none belongs", { type: "merchant.created", before: { name: "x" }, after: { name: "y" } }],
    [
      "a webhook's signing secret",
      {
        type: "webhook.updated",
        before: null,
        after: { origin: "https://hooks.example", urlSha256: "a".repeat(64), secretRotated: true, secret: "whsec_x" },
      },
    ],
    [
      "a webhook's whole URL",
      { type: "webhook.removed", before: { origin: "https://hooks.example/t0ken", urlSha256: "a".repeat(64) } },
    ],
  ])("refuses %s", (_case, event) => {
    expect(() => validateAuditEvent(event as AuditEventInput)).toThrow(/does not match the catalogue/);
  });

  test("chainedEvent (and so appendEvent) refuses an event that does not match, before hashing it", () => {
    const wrong = { ...stepCompleted, after: { ...stepCompleted.after, stepStatus: "skipped" } };
    expect(() => chainedEvent(link, wrong as unknown as AuditEventInput)).toThrow(/does not match the catalogue/);
    expect(chainedEvent(link, stepCompleted)).toMatchObject({ type: "step.completed", seq: 1 });
  });

  test("refuses any payload that is not an event of the catalogue", () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.jsonValue(), (type, before, after) => {
        fc.pre(!(AUDIT_EVENT_TYPES as readonly string[]).includes(type));
        expect(() => validateAuditEvent({ type, before, after } as unknown as AuditEventInput)).toThrow();
      }),
    );
  });

  test("reads a stored event of the catalogue back, typed", () => {
    const read = readAuditEvent(JSON.parse(JSON.stringify(stepCompleted)));
    expect(read).toEqual({ known: true, event: stepCompleted });
  });

  test("reads an event it cannot parse (an old row, a newer type) as unknown, kept as stored", () => {
    const legacy = { type: "incident.closed", before: null, after: { status: "CLOSED" } };
    expect(readAuditEvent(legacy)).toEqual({ known: false, ...legacy });
    const newer = { type: "incident.merged", before: null, after: { into: "INC-000001" } };
    expect(readAuditEvent(newer)).toEqual({ known: false, ...newer });
  });

  test("never throws on whatever a stored row holds", () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.jsonValue(), (type, before, after) => {
        expect(() => readAuditEvent({ type, before, after })).not.toThrow();
      }),
    );
  });
});
