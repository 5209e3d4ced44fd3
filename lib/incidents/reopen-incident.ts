// Reopens a closed incident (back to IN_PROGRESS), with a note saying why.
import "server-only";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { recordReopen } from "@/lib/dashboard/incident-rollup";
import { prisma } from "@/lib/db/client";
import { nextDueOf, reopenCloseDeadline } from "@/lib/deadlines/record-deadlines";
import { AppError } from "@/lib/errors/app-error";
import { resolutionFromDb } from "@/lib/incidents/codec";
import { bumpVersion, loadForChange } from "@/lib/incidents/load-for-change";
import { checkReopen } from "@/lib/incidents/rules";
import { incidentInclude } from "@/lib/incidents/scope";
import { serializeIncident } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import type { IncidentDto, ReopenIncidentInput } from "@/lib/schemas/incident";

/** The role check, also made by the route before it reads the body (garbage from a cashier is 403). */
export function assertCanReopen(actor: Actor): void {
  if (!can(actor.role, "incident.reopen")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_REOPEN" });
}

export async function reopenIncident({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: ReopenIncidentInput;
}): Promise<IncidentDto> {
  return prisma.$transaction(async (tx) => {
    const incident = await loadForChange(tx, { actor, id, version: input.version });
    assertCanReopen(actor);
    const note = maskPans(input.note);
    const rule = checkReopen({ status: incident.status, note });
    if (!rule.ok)
      throw new AppError("RULE_VIOLATION", rule.message, rule.field ? { [rule.field]: rule.message } : undefined);

    // Issue 9: the close deadline it was given is outstanding again (not a new one).
    const now = new Date();
    await reopenCloseDeadline(tx, { incidentId: id, now });
    const dueAt = await nextDueOf(tx, id);
    await bumpVersion(tx, {
      id,
      version: incident.version,
      // The causes and money outcome belong to a close: the next close records them again (the
      // earlier ones stay in the incident.closed event).
      data: {
        status: "IN_PROGRESS",
        resolution: null,
        closedAt: null,
        causes: null,
        recoveredMinor: null,
        lostMinor: null,
        closeNote: null,
        ...(dueAt ? { dueAt } : {}),
      },
    });
    await appendEvent(tx, {
      merchantId: incident.merchantId,
      incidentId: id,
      actorId: actor.userId,
      type: "incident.reopened",
      before: {
        status: incident.status,
        version: incident.version,
        resolution: incident.resolution ? resolutionFromDb(incident.resolution) : null,
      },
      after: { status: "IN_PROGRESS", version: incident.version + 1, note },
    });
    // Issue 10: the dashboard's summary takes the close back (after the event, which holds the merchant's lock).
    await recordReopen(tx, incident);
    // Issue 10: the alert rules look at the change (coalesced: one queued evaluation per merchant).
    await queueAlertEvaluation(tx, { merchantId: incident.merchantId });
    const updated = await tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
    return serializeIncident(updated);
  });
}
