// Closes an incident with a resolution, its cause(s) and its money outcome (recovered, lost), once
// every applicable step is done or skipped.
import "server-only";
import { queueAlertEvaluation } from "@/lib/alerts/queue-evaluation";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { recordClose } from "@/lib/dashboard/incident-rollup";
import { prisma } from "@/lib/db/client";
import { markIncidentDeadlineDone } from "@/lib/deadlines/record-deadlines";
import { AppError } from "@/lib/errors/app-error";
import { orderCauses } from "@/lib/incidents/causes";
import { resolutionToDb } from "@/lib/incidents/codec";
import { bumpVersion, loadForChange } from "@/lib/incidents/load-for-change";
import { checkClose } from "@/lib/incidents/rules";
import { incidentInclude } from "@/lib/incidents/scope";
import { serializeIncident, stepStates } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { type CloseIncidentInput, type IncidentDto, parseAmountToMinor } from "@/lib/schemas/incident";

/** The role check, also made by the route before it reads the body (garbage from a cashier is 403). */
export function assertCanClose(actor: Actor): void {
  if (!can(actor.role, "incident.close")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_CLOSE" });
}

export async function closeIncident({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: CloseIncidentInput;
}): Promise<IncidentDto> {
  return prisma.$transaction(async (tx) => {
    const incident = await loadForChange(tx, { actor, id, version: input.version });
    assertCanClose(actor);
    const rule = checkClose({ status: incident.status, steps: stepStates(incident.steps) });
    if (!rule.ok) throw new AppError("RULE_VIOLATION", rule.message);

    const closedAt = new Date();
    const note = input.note ? maskPans(input.note) : null;
    const causes = orderCauses(input.causes);
    // The schema accepted both amounts, so they parse.
    const recoveredMinor = parseAmountToMinor(input.recoveredAmount) ?? 0;
    const lostMinor = parseAmountToMinor(input.lostAmount) ?? 0;
    // Issue 9: the close deadline is met (or was missed); the job has nothing more to escalate.
    await markIncidentDeadlineDone(tx, { incidentId: id, subject: "close", at: closedAt });
    await bumpVersion(tx, {
      id,
      version: incident.version,
      data: {
        status: "CLOSED",
        resolution: resolutionToDb(input.resolution),
        closedAt,
        causes: JSON.stringify(causes),
        recoveredMinor,
        lostMinor,
        closeNote: note,
      },
    });
    await appendEvent(tx, {
      merchantId: incident.merchantId,
      incidentId: id,
      actorId: actor.userId,
      type: "incident.closed",
      before: { status: incident.status, version: incident.version },
      after: {
        status: "CLOSED",
        version: incident.version + 1,
        resolution: input.resolution,
        causes,
        recoveredMinor,
        lostMinor,
        ...(note ? { note } : {}),
      },
    });
    // Issue 10: the dashboard's summary counts the close (after the event, which holds the merchant's lock).
    await recordClose(tx, {
      ...incident,
      closedAt,
      causes: JSON.stringify(causes),
      lostMinor,
      recoveredMinor,
    });
    // Issue 10: the alert rules look at the change (coalesced: one queued evaluation per merchant).
    await queueAlertEvaluation(tx, { merchantId: incident.merchantId });
    const updated = await tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
    return serializeIncident(updated, closedAt);
  });
}
