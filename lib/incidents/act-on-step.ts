// Completes or skips one checklist step: role from the permission table (403), order and
// required details from the step rules (422), version check (409), audit event in the same
// transaction.
import "server-only";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { appendEvent } from "@/lib/audit/append-event";
import type { AuditEventOf } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { markIncidentDeadlineDone, nextDueOf } from "@/lib/deadlines/record-deadlines";
import { AppError } from "@/lib/errors/app-error";
import { contactMethodToDb, kindFromDb, stepKeyToDb } from "@/lib/incidents/codec";
import { bumpVersion, loadForChange } from "@/lib/incidents/load-for-change";
import {
  checkStepAction,
  nextPendingStep,
  type StepKey,
  statusAfterStep,
  stepActionPermission,
} from "@/lib/incidents/rules";
import { incidentInclude } from "@/lib/incidents/scope";
import { referenceOf, serializeIncident, stepStates } from "@/lib/incidents/serialize";
import { notifyIncident } from "@/lib/notifications/notify";
import { can } from "@/lib/rbac/permissions";
import type { IncidentDto, StepActionInput } from "@/lib/schemas/incident";

export async function actOnStep({
  actor,
  id,
  key,
  input,
}: {
  actor: Actor;
  id: string;
  key: StepKey;
  input: StepActionInput;
}): Promise<IncidentDto> {
  return prisma.$transaction(async (tx) => {
    const incident = await loadForChange(tx, { actor, id, version: input.version });
    if (!can(actor.role, stepActionPermission(key, input.action))) {
      throw new AppError(
        "FORBIDDEN",
        input.action === "skip"
          ? { reason: "ROLE_CANNOT_SKIP" }
          : { reason: "ROLE_CANNOT_COMPLETE_STEP", params: { step: key } },
      );
    }
    const note = input.note ? maskPans(input.note) : null;
    const rule = checkStepAction({
      status: incident.status,
      steps: stepStates(incident.steps),
      key,
      action: input.action,
      note,
      contactMethod: input.contactMethod,
      identityVerified: input.identityVerified,
    });
    if (!rule.ok)
      throw new AppError("RULE_VIOLATION", rule.message, rule.field ? { [rule.field]: rule.message } : undefined);

    const at = new Date();
    const isResign = key === "resign" && input.action === "complete";
    await tx.incidentStep.update({
      where: { incidentId_key: { incidentId: id, key: stepKeyToDb(key) } },
      data: {
        status: input.action === "complete" ? "DONE" : "SKIPPED",
        actorId: actor.userId,
        at,
        note,
        contactMethod: isResign && input.contactMethod ? contactMethodToDb(input.contactMethod) : null,
        identityVerified: isResign ? true : null,
      },
    });
    const status = statusAfterStep(incident.status);
    // The checklist's position after this action, kept on the incident (the finance queue's index).
    const next = nextPendingStep(
      stepStates(incident.steps).map((step) =>
        step.key === key ? { key, status: input.action === "complete" ? "done" : "skipped" } : step,
      ),
    );
    // Issue 9: the step's deadline is met (or was missed); what is due next moves on.
    await markIncidentDeadlineDone(tx, { incidentId: id, subject: key, at });
    const dueAt = await nextDueOf(tx, id);
    await bumpVersion(tx, {
      id,
      version: incident.version,
      data: { status, nextStep: next ? stepKeyToDb(next) : null, ...(dueAt ? { dueAt } : {}) },
    });
    await appendEvent(tx, {
      merchantId: incident.merchantId,
      incidentId: id,
      actorId: actor.userId,
      ...stepEvent({
        action: input.action,
        before: { step: key, stepStatus: "pending", status: incident.status, version: incident.version },
        after: {
          step: key,
          status,
          version: incident.version + 1,
          ...(note ? { note } : {}),
          ...(isResign ? { contactMethod: input.contactMethod, identityVerified: true as const } : {}),
        },
      }),
    });
    // Issue 10: a drill's notify is practice — the plan's people are not told.
    if (key === "notify" && input.action === "complete" && !incident.drill) {
      // Issue 9: completing notify tells the emergency plan's "on notify" people (finance by
      // default), recorded on the timeline as who was notified (notification.sent, step notify).
      await notifyIncident(tx, {
        type: "incident_notified",
        incident: {
          id,
          merchantId: incident.merchantId,
          reference: referenceOf(incident.number),
          kind: kindFromDb(incident.kind),
          storeId: incident.storeId,
          storeName: incident.store.name,
        },
        actor: { userId: actor.userId, name: actor.name },
        step: "notify",
      });
    }
    // Issue 10: the alert rules look at the change (coalesced: one queued evaluation per merchant).
    await queueAlertEvaluation(tx, { merchantId: incident.merchantId });
    const updated = await tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
    return serializeIncident(updated, at);
  });
}

type StepEvent = AuditEventOf<"step.completed"> | AuditEventOf<"step.skipped">;

/** The audit event of a step action: completed (done) or skipped. */
function stepEvent({
  action,
  before,
  after,
}: {
  action: StepActionInput["action"];
  before: StepEvent["before"];
  after: Omit<StepEvent["after"], "stepStatus">;
}): StepEvent {
  return action === "complete"
    ? { type: "step.completed", before, after: { ...after, stepStatus: "done" } }
    : { type: "step.skipped", before, after: { ...after, stepStatus: "skipped" } };
}
