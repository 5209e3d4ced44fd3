// One incident with its checklist and timeline, if the caller may see it (else 404).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { serializeDeadlines } from "@/lib/deadlines/serialize";
import { AppError } from "@/lib/errors/app-error";
import { incidentTerminalOf } from "@/lib/incidents/incident-terminal";
import { incidentsWithRelations } from "@/lib/incidents/list-incidents";
import { serializeIncident, serializeTimeline } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

/**
 * The incident (with its store, terminal, people and steps, as the list reads them) within the
 * caller's scope, then its deadlines and timeline — and, for a terminal fault, the terminal's
 * details — in raw statements: Prisma's findFirst with all of that compiled an eight-query plan on
 * every call (~10 ms of CPU of the incident page, bench:lists).
 */
export async function getIncident({ actor, id }: { actor: Actor; id: string }): Promise<IncidentDetailDto> {
  if (!can(actor.role, "incident.view")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_VIEW" });
  const scope = storeScopeFilter(actor);
  const inScope = scope !== null && (scope.storeIds === "all" || scope.storeIds.length > 0);
  const [incident] = inScope ? await incidentsWithRelations([id], scope) : [];
  if (!incident) throw new AppError("NOT_FOUND", { reason: "INCIDENT_NOT_FOUND" });
  const [deadlines, events, terminal] = await Promise.all([
    prisma.$queryRaw<{ subject: string; dueAt: Date; doneAt: Date | null }[]>`
      SELECT d."subject", d."dueAt", d."doneAt" FROM "Deadline" d
      WHERE d."incidentId" = ${incident.id} AND d."subject" <> 'action'`,
    prisma.$queryRaw<
      {
        seq: number;
        type: string;
        createdAt: Date;
        before: string | null;
        after: string | null;
        actorId: string | null;
        actorName: string | null;
      }[]
    >`
      SELECT e."seq", e."type", e."createdAt", e."before", e."after", e."actorId", u."name" AS "actorName"
      FROM "AuditEvent" e LEFT JOIN "user" u ON u."id" = e."actorId"
      WHERE e."incidentId" = ${incident.id} ORDER BY e."seq" ASC`,
    incident.kind === "TERMINAL_FAULT"
      ? prisma.$queryRaw<
          {
            tid: string;
            model: string | null;
            softwareVersion: string | null;
            softwareUpdatedAt: Date | null;
            supportContact: string | null;
            terminalSoftwareMaxAgeDays: number;
          }[]
        >`
          SELECT t."tid", t."model", t."softwareVersion", t."softwareUpdatedAt", t."supportContact",
                 m."terminalSoftwareMaxAgeDays"
          FROM "Terminal" t JOIN "Merchant" m ON m."id" = t."merchantId" WHERE t."id" = ${incident.terminalId}`
      : Promise.resolve([]),
  ]);
  const now = new Date();
  const detail = {
    ...serializeIncident(incident, now),
    timeline: serializeTimeline(
      events.map(({ actorId, actorName, ...event }) => ({
        ...event,
        seq: Number(event.seq),
        actor: actorId === null || actorName === null ? null : { id: actorId, name: actorName },
      })),
    ),
    deadlines: serializeDeadlines(deadlines, now),
  };
  if (detail.kind !== "terminal_fault") return detail;
  const [details] = terminal;
  if (!details) throw new AppError("NOT_FOUND", { reason: "INCIDENT_NOT_FOUND" });
  const { terminalSoftwareMaxAgeDays, ...rest } = details;
  return {
    ...detail,
    terminalDetails: incidentTerminalOf({
      ...rest,
      merchant: { terminalSoftwareMaxAgeDays: Number(terminalSoftwareMaxAgeDays) },
    }),
  };
}
