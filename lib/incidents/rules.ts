// The remediation checklist as data: which steps apply to which kind, in what order, who may
// act on them, and the status transitions. Pure functions, no I/O.
import type { ErrorMessage } from "@/lib/errors/messages";
import { can, type Permission, type Role, rolesWith } from "@/lib/rbac/permissions";

export const INCIDENT_KINDS = [
  "wrong_amount",
  "wrong_card",
  "pin_error",
  "unsigned_slip",
  "debited_not_credited",
  "duplicate_charge",
  "terminal_fault",
  "suspected_fraud",
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const STEP_KEYS = ["halt", "reverify", "notify", "resign", "reconcile"] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const STEP_STATUSES = ["pending", "done", "skipped", "not_applicable"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const INCIDENT_STATUSES = ["OPEN", "IN_PROGRESS", "CLOSED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const RESOLUTIONS = [
  "voided",
  "refunded",
  "resigned",
  "recredited",
  "no_loss",
  "written_off",
  "escalated",
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const CONTACT_METHODS = ["phone", "sms", "in_person"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

const STANDARD: readonly StepKey[] = ["halt", "reverify", "notify", "reconcile"];

/** Steps that apply to each kind; the others are not applicable. */
export const APPLICABLE_STEPS = {
  wrong_amount: STANDARD,
  wrong_card: STANDARD,
  debited_not_credited: STANDARD,
  duplicate_charge: STANDARD,
  terminal_fault: STANDARD,
  suspected_fraud: STANDARD,
  unsigned_slip: ["halt", "reverify", "notify", "resign", "reconcile"],
  // A declined PIN never moved money: nothing to notify, re-sign or reconcile.
  pin_error: ["halt", "reverify"],
} as const satisfies Record<IncidentKind, readonly StepKey[]>;

export function isApplicable(kind: IncidentKind, key: StepKey): boolean {
  return (APPLICABLE_STEPS[kind] as readonly StepKey[]).includes(key);
}

/** The initial checklist for a new incident, in order. */
export function initialSteps(kind: IncidentKind): { key: StepKey; position: number; status: StepStatus }[] {
  return STEP_KEYS.map((key, index) => ({
    key,
    position: index + 1,
    status: isApplicable(kind, key) ? "pending" : "not_applicable",
  }));
}

export interface StepState {
  key: StepKey;
  status: StepStatus;
}

/** The first applicable step still pending, or null when the checklist is through. */
export function nextPendingStep(steps: readonly StepState[]): StepKey | null {
  for (const key of STEP_KEYS) {
    const step = steps.find((s) => s.key === key);
    if (step?.status === "pending") return key;
  }
  return null;
}

export function completePermission(key: StepKey): Permission {
  switch (key) {
    case "halt":
      return "step.complete.halt";
    case "reverify":
      return "step.complete.reverify";
    case "notify":
      return "step.complete.notify";
    case "resign":
      return "step.complete.resign";
    case "reconcile":
      return "step.complete.reconcile";
    default:
      return key satisfies never;
  }
}

export type StepAction = "complete" | "skip";

export function stepActionPermission(key: StepKey, action: StepAction): Permission {
  return action === "complete" ? completePermission(key) : "step.skip";
}

/** Who may act on a step: for the "what to do now" panel. */
export function rolesForStep(key: StepKey, action: StepAction): Role[] {
  return rolesWith(stepActionPermission(key, action));
}

/** A refusal names its reason as a message of the catalogue, and the field it is about, if one. */
export type RuleResult = { ok: true } | { ok: false; message: ErrorMessage; field?: string };

/**
 * Whether a step may be completed or skipped now, given the incident. Role checks are separate
 * (they answer 403, these answer 422).
 */
export function checkStepAction(input: {
  status: IncidentStatus;
  steps: readonly StepState[];
  key: StepKey;
  action: StepAction;
  note?: string | null;
  contactMethod?: ContactMethod | null;
  identityVerified?: boolean | null;
}): RuleResult {
  if (input.status === "CLOSED") return { ok: false, message: { reason: "INCIDENT_CLOSED_REOPEN_FIRST" } };
  const step = input.steps.find((s) => s.key === input.key);
  if (!step || step.status === "not_applicable") {
    return { ok: false, message: { reason: "STEP_NOT_APPLICABLE", params: { step: input.key } } };
  }
  if (step.status !== "pending") {
    return { ok: false, message: { reason: "STEP_ALREADY_ACTED", params: { step: input.key, status: step.status } } };
  }
  const next = nextPendingStep(input.steps);
  if (next !== input.key) {
    // A pending step is never after a null "next": the checklist holds this one pending.
    return {
      ok: false,
      message: { reason: "STEP_OUT_OF_ORDER", params: { next: next ?? input.key, step: input.key } },
    };
  }
  if (input.action === "skip" && !input.note?.trim()) {
    return { ok: false, message: { reason: "SKIP_NEEDS_NOTE" }, field: "note" };
  }
  if (input.action === "complete" && input.key === "resign") {
    if (!input.contactMethod) {
      return { ok: false, message: { reason: "CONTACT_METHOD_REQUIRED" }, field: "contactMethod" };
    }
    if (input.identityVerified !== true) {
      return { ok: false, message: { reason: "IDENTITY_NOT_VERIFIED" }, field: "identityVerified" };
    }
  }
  return { ok: true };
}

/** Status after a step action: the first action moves an open incident into progress. */
export function statusAfterStep(status: IncidentStatus): IncidentStatus {
  return status === "OPEN" ? "IN_PROGRESS" : status;
}

export function checkClose(input: { status: IncidentStatus; steps: readonly StepState[] }): RuleResult {
  if (input.status === "CLOSED") return { ok: false, message: { reason: "INCIDENT_ALREADY_CLOSED" } };
  const pending = input.steps.filter((s) => s.status === "pending").map((s) => s.key);
  if (pending.length > 0) {
    return { ok: false, message: { reason: "STEPS_STILL_PENDING", params: { steps: pending.join(",") } } };
  }
  return { ok: true };
}

export function checkReopen(input: { status: IncidentStatus; note?: string | null }): RuleResult {
  if (input.status !== "CLOSED") return { ok: false, message: { reason: "ONLY_CLOSED_CAN_REOPEN" } };
  if (!input.note?.trim()) return { ok: false, message: { reason: "REOPEN_NEEDS_NOTE" }, field: "note" };
  return { ok: true };
}

export function isOverdue(input: { status: IncidentStatus; dueAt: Date }, now: Date): boolean {
  return input.status !== "CLOSED" && input.dueAt.getTime() < now.getTime();
}

/** What should happen next on an incident and which roles may do it. */
export function nextAction(input: {
  status: IncidentStatus;
  steps: readonly StepState[];
}): { type: "step"; key: StepKey; roles: Role[] } | { type: "close"; roles: Role[] } | { type: "none" } {
  if (input.status === "CLOSED") return { type: "none" };
  const key = nextPendingStep(input.steps);
  if (key) return { type: "step", key, roles: rolesForStep(key, "complete") };
  return { type: "close", roles: rolesWith("incident.close") };
}

export function mayActOnStep(role: string, key: StepKey, action: StepAction): boolean {
  return can(role, stepActionPermission(key, action));
}
