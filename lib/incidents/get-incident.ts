// One incident with its checklist and timeline, if the caller may see it (else 404).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { serializeDeadlines } from "@/lib/deadlines/serialize";
import { AppError } from "@/lib/errors/app-error";
import { incidentTerminalOf } from "@/lib/incidents/incident-terminal";
import { incidentInclude, visibleIncidentsWhere } from "@/lib/incidents/scope";
import { serializeIncident, serializeTimeline } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

export async function getIncident({ actor, id }: { actor: Actor; id: string }): Promise<IncidentDetailDto> {
  if (!can(actor.role, "incident.view")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_VIEW" });
  const incident = await prisma.incident.findFirst({
    where: { id, ...visibleIncidentsWhere(actor) },
    include: {
      ...incidentInclude,
      // Issue 9: a terminal_fault incident shows what the admin recorded about its terminal.
      terminal: {
        select: {
          tid: true,
          model: true,
          softwareVersion: true,
          softwareUpdatedAt: true,
          supportContact: true,
          merchant: { select: { terminalSoftwareMaxAgeDays: true } },
        },
      },
      deadlines: { where: { subject: { not: "action" } }, select: { subject: true, dueAt: true, doneAt: true } },
      events: {
        orderBy: { seq: "asc" },
        select: {
          seq: true,
          type: true,
          createdAt: true,
          before: true,
          after: true,
          actor: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", { reason: "INCIDENT_NOT_FOUND" });
  const now = new Date();
  const detail = {
    ...serializeIncident(incident, now),
    timeline: serializeTimeline(incident.events),
    deadlines: serializeDeadlines(incident.deadlines, now),
  };
  return detail.kind === "terminal_fault"
    ? { ...detail, terminalDetails: incidentTerminalOf(incident.terminal) }
    : detail;
}
