import { describe, expect, test } from "vitest";
import {
  APPLICABLE_STEPS,
  checkClose,
  checkReopen,
  checkStepAction,
  INCIDENT_KINDS,
  type IncidentKind,
  type IncidentStatus,
  initialSteps,
  isApplicable,
  isOverdue,
  mayActOnStep,
  nextAction,
  nextPendingStep,
  RESOLUTIONS,
  rolesForStep,
  STEP_KEYS,
  type StepKey,
  type StepState,
  type StepStatus,
  statusAfterStep,
} from "@/lib/incidents/rules";

// Issue 2's table, written out independently of the implementation.
const STEPS_BY_KIND: Record<IncidentKind, Record<StepKey, boolean>> = {
  wrong_amount: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  wrong_card: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  debited_not_credited: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  duplicate_charge: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  terminal_fault: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  suspected_fraud: { halt: true, reverify: true, notify: true, resign: false, reconcile: true },
  unsigned_slip: { halt: true, reverify: true, notify: true, resign: true, reconcile: true },
  pin_error: { halt: true, reverify: true, notify: false, resign: false, reconcile: false },
};

/** A checklist for `kind` with the given statuses overriding the initial ones. */
function stepsOf(kind: IncidentKind, statuses: Partial<Record<StepKey, StepStatus>> = {}): StepState[] {
  return initialSteps(kind).map((step) => ({ key: step.key, status: statuses[step.key] ?? step.status }));
}

const resignDetails = { contactMethod: "phone", identityVerified: true } as const;

const allDone = (kind: IncidentKind) =>
  stepsOf(
    kind,
    Object.fromEntries(APPLICABLE_STEPS[kind].map((key) => [key, "done"])) as Partial<Record<StepKey, StepStatus>>,
  );

describe("the checklist per kind", () => {
  test("knows exactly the kinds of issue 2", () => {
    expect([...INCIDENT_KINDS].sort()).toEqual(Object.keys(STEPS_BY_KIND).sort());
  });

  test("keeps the order halt, reverify, notify, resign, reconcile", () => {
    expect(STEP_KEYS).toEqual(["halt", "reverify", "notify", "resign", "reconcile"]);
  });

  test.each(INCIDENT_KINDS)("%s starts with the applicable steps pending and the rest not applicable", (kind) => {
    const steps = initialSteps(kind);
    expect(steps.map((s) => s.key)).toEqual([...STEP_KEYS]);
    expect(steps.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
    for (const step of steps) {
      const applies = STEPS_BY_KIND[kind][step.key];
      expect(step.status, `${kind}.${step.key}`).toBe(applies ? "pending" : "not_applicable");
      expect(isApplicable(kind, step.key)).toBe(applies);
    }
  });

  test("only an unsigned slip needs re-signing, and a PIN error needs nothing after re-verifying", () => {
    expect(INCIDENT_KINDS.filter((kind) => isApplicable(kind, "resign"))).toEqual(["unsigned_slip"]);
    expect(APPLICABLE_STEPS.pin_error).toEqual(["halt", "reverify"]);
  });
});

describe("step order", () => {
  test("the next step is the first applicable one still pending", () => {
    expect(nextPendingStep(stepsOf("wrong_amount"))).toBe("halt");
    expect(nextPendingStep(stepsOf("wrong_amount", { halt: "done", reverify: "skipped" }))).toBe("notify");
    // resign does not apply to a wrong amount: reconcile follows notify.
    expect(nextPendingStep(stepsOf("wrong_amount", { halt: "done", reverify: "done", notify: "done" }))).toBe(
      "reconcile",
    );
    expect(nextPendingStep(allDone("unsigned_slip"))).toBeNull();
  });

  test.each(INCIDENT_KINDS)("%s: only the next step may be acted on", (kind) => {
    const applicable = APPLICABLE_STEPS[kind];
    for (let done = 0; done < applicable.length; done++) {
      const statuses = Object.fromEntries(applicable.slice(0, done).map((key) => [key, "done"]));
      const steps = stepsOf(kind, statuses);
      for (const key of STEP_KEYS) {
        const result = checkStepAction({ status: "IN_PROGRESS", steps, key, action: "complete", ...resignDetails });
        expect(result.ok, `${kind}: ${key} after ${done} done`).toBe(key === applicable[done]);
      }
    }
  });

  test("out of order names the step that comes first", () => {
    const result = checkStepAction({
      status: "OPEN",
      steps: stepsOf("wrong_amount"),
      key: "notify",
      action: "complete",
    });
    expect(result).toEqual({
      ok: false,
      message: { reason: "STEP_OUT_OF_ORDER", params: { next: "halt", step: "notify" } },
    });
  });

  test("a step that does not apply is refused, whatever the state", () => {
    const steps = stepsOf("pin_error", { halt: "done", reverify: "done" });
    for (const key of ["notify", "resign", "reconcile"] as const) {
      const result = checkStepAction({ status: "IN_PROGRESS", steps, key, action: "complete" });
      expect(result).toEqual({ ok: false, message: { reason: "STEP_NOT_APPLICABLE", params: { step: key } } });
    }
  });

  test("a step already done or skipped is refused", () => {
    const steps = stepsOf("wrong_amount", { halt: "done", reverify: "skipped" });
    expect(checkStepAction({ status: "IN_PROGRESS", steps, key: "halt", action: "complete" }).ok).toBe(false);
    expect(checkStepAction({ status: "IN_PROGRESS", steps, key: "reverify", action: "skip", note: "x" }).ok).toBe(
      false,
    );
  });

  test("nothing may be done on a closed incident", () => {
    const result = checkStepAction({
      status: "CLOSED",
      steps: stepsOf("wrong_amount"),
      key: "halt",
      action: "complete",
    });
    expect(result.ok).toBe(false);
  });
});

describe("skipping", () => {
  const steps = stepsOf("wrong_amount");

  test("needs a note saying why", () => {
    for (const note of [undefined, null, "", "   \n"]) {
      expect(checkStepAction({ status: "OPEN", steps, key: "halt", action: "skip", note })).toEqual({
        ok: false,
        message: { reason: "SKIP_NEEDS_NOTE" },
        field: "note",
      });
    }
  });

  test("with a note is allowed on the next step", () => {
    expect(checkStepAction({ status: "OPEN", steps, key: "halt", action: "skip", note: "Never charged" })).toEqual({
      ok: true,
    });
  });

  test("completing needs no note", () => {
    expect(checkStepAction({ status: "OPEN", steps, key: "halt", action: "complete" }).ok).toBe(true);
  });
});

describe("re-signing", () => {
  const steps = stepsOf("unsigned_slip", { halt: "done", reverify: "done", notify: "done" });
  const resign = (details: {
    contactMethod?: "phone" | "sms" | "in_person" | null;
    identityVerified?: boolean | null;
  }) => checkStepAction({ status: "IN_PROGRESS", steps, key: "resign", action: "complete", ...details });

  test("needs how the cardholder was reached", () => {
    expect(resign({ identityVerified: true })).toMatchObject({ ok: false, field: "contactMethod" });
    expect(resign({ contactMethod: null, identityVerified: true })).toMatchObject({
      ok: false,
      field: "contactMethod",
    });
  });

  test("needs the cardholder's identity verified", () => {
    expect(resign({ contactMethod: "sms" })).toMatchObject({ ok: false, field: "identityVerified" });
    expect(resign({ contactMethod: "sms", identityVerified: false })).toMatchObject({
      ok: false,
      field: "identityVerified",
    });
  });

  test.each(["phone", "sms", "in_person"] as const)("completes when reached by %s with identity verified", (method) => {
    expect(resign({ contactMethod: method, identityVerified: true })).toEqual({ ok: true });
  });

  test("skipping re-signing needs only a note", () => {
    expect(
      checkStepAction({ status: "IN_PROGRESS", steps, key: "resign", action: "skip", note: "Cardholder unreachable" }),
    ).toEqual({ ok: true });
  });
});

describe("status", () => {
  test("the first step moves OPEN to IN_PROGRESS and later steps keep it", () => {
    expect(statusAfterStep("OPEN")).toBe("IN_PROGRESS");
    expect(statusAfterStep("IN_PROGRESS")).toBe("IN_PROGRESS");
  });
});

describe("closing", () => {
  test.each(INCIDENT_KINDS)("%s closes once every applicable step is done", (kind) => {
    expect(checkClose({ status: "IN_PROGRESS", steps: allDone(kind) })).toEqual({ ok: true });
  });

  test("skipped steps count as through", () => {
    const steps = stepsOf("pin_error", { halt: "skipped", reverify: "skipped" });
    expect(checkClose({ status: "IN_PROGRESS", steps }).ok).toBe(true);
  });

  test("a pending step blocks closing and is named", () => {
    const steps = stepsOf("unsigned_slip", { halt: "done", reverify: "done", notify: "done" });
    const result = checkClose({ status: "IN_PROGRESS", steps });
    expect(result).toEqual({
      ok: false,
      message: { reason: "STEPS_STILL_PENDING", params: { steps: "resign,reconcile" } },
    });
    expect(checkClose({ status: "OPEN", steps: stepsOf("pin_error") }).ok).toBe(false);
  });

  test("a closed incident cannot be closed again", () => {
    expect(checkClose({ status: "CLOSED", steps: allDone("wrong_card") }).ok).toBe(false);
  });

  test("offers the resolutions of issue 2", () => {
    expect([...RESOLUTIONS].sort()).toEqual(
      ["voided", "refunded", "resigned", "recredited", "no_loss", "written_off", "escalated"].sort(),
    );
  });
});

describe("reopening", () => {
  test("only a closed incident can be reopened", () => {
    for (const status of ["OPEN", "IN_PROGRESS"] as const) {
      expect(checkReopen({ status, note: "why" }).ok).toBe(false);
    }
    expect(checkReopen({ status: "CLOSED", note: "Bank query" })).toEqual({ ok: true });
  });

  test("needs a note", () => {
    expect(checkReopen({ status: "CLOSED", note: " " })).toMatchObject({ ok: false, field: "note" });
    expect(checkReopen({ status: "CLOSED" })).toMatchObject({ ok: false, field: "note" });
  });
});

describe("overdue", () => {
  test("an incident past its due time and not closed is overdue", () => {
    const dueAt = new Date("2026-03-01T16:00:00Z");
    const later = new Date("2026-03-01T16:00:00.001Z");
    for (const status of ["OPEN", "IN_PROGRESS"] satisfies IncidentStatus[]) {
      expect(isOverdue({ status, dueAt }, later)).toBe(true);
      expect(isOverdue({ status, dueAt }, dueAt)).toBe(false);
      expect(isOverdue({ status, dueAt }, new Date("2026-03-01T15:00:00Z"))).toBe(false);
    }
    expect(isOverdue({ status: "CLOSED", dueAt }, later)).toBe(false);
  });
});

describe("what to do next", () => {
  test("names the next step and the roles that may complete it", () => {
    expect(nextAction({ status: "OPEN", steps: stepsOf("unsigned_slip") })).toEqual({
      type: "step",
      key: "halt",
      roles: ["CASHIER", "SUPERVISOR", "ADMIN"],
    });
    expect(
      nextAction({ status: "IN_PROGRESS", steps: stepsOf("unsigned_slip", { halt: "done", reverify: "done" }) }),
    ).toEqual({ type: "step", key: "notify", roles: ["SUPERVISOR", "ADMIN"] });
    expect(
      nextAction({
        status: "IN_PROGRESS",
        steps: stepsOf("wrong_amount", { halt: "done", reverify: "done", notify: "skipped" }),
      }),
    ).toEqual({ type: "step", key: "reconcile", roles: ["FINANCE", "ADMIN"] });
  });

  test("asks for closing once the checklist is through", () => {
    expect(nextAction({ status: "IN_PROGRESS", steps: allDone("pin_error") })).toEqual({
      type: "close",
      roles: ["SUPERVISOR", "ADMIN"],
    });
  });

  test("has nothing to do on a closed incident", () => {
    expect(nextAction({ status: "CLOSED", steps: allDone("wrong_card") })).toEqual({ type: "none" });
  });

  test("skipping is for supervisors and admins, on any step", () => {
    for (const key of STEP_KEYS) {
      expect(rolesForStep(key, "skip")).toEqual(["SUPERVISOR", "ADMIN"]);
      expect(mayActOnStep("CASHIER", key, "skip")).toBe(false);
      expect(mayActOnStep("FINANCE", key, "skip")).toBe(false);
    }
  });

  test("an unknown role may act on no step", () => {
    for (const key of STEP_KEYS) {
      expect(mayActOnStep("OWNER", key, "complete")).toBe(false);
      expect(mayActOnStep("", key, "skip")).toBe(false);
    }
  });
});
