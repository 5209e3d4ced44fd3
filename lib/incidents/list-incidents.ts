// The incident list: filters, newest first, cursor pagination; always scoped to the caller.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentKind as DbIncidentKind } from "@/lib/generated/prisma/enums";
import { incidentInclude, visibleIncidentsWhere } from "@/lib/incidents/scope";
import { numberOfReference, serializeIncident } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import type { IncidentDto, ListIncidentsQuery } from "@/lib/schemas/incident";

export async function listIncidents({
  actor,
  query,
  now = new Date(),
}: {
  actor: Actor;
  query: ListIncidentsQuery;
  now?: Date;
}): Promise<{ items: IncidentDto[]; nextCursor: string | null }> {
  if (!can(actor.role, "incident.view")) throw new AppError("FORBIDDEN", "Your role cannot see incidents.");

  const filters: Prisma.IncidentWhereInput[] = [visibleIncidentsWhere(actor)];
  if (query.status) filters.push({ status: query.status });
  if (query.kind) filters.push({ kind: query.kind.toUpperCase() as DbIncidentKind });
  if (query.storeId) filters.push({ storeId: query.storeId });
  if (query.overdue === "true") filters.push({ status: { not: "CLOSED" }, dueAt: { lt: now } });
  if (query.overdue === "false") filters.push({ OR: [{ status: "CLOSED" }, { dueAt: { gte: now } }] });
  if (query.from) filters.push({ occurredAt: { gte: new Date(`${query.from}T00:00:00.000Z`) } });
  if (query.to)
    filters.push({ occurredAt: { lt: new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
  if (query.q) filters.push(searchFilter(query.q));

  const rows = await prisma.incident.findMany({
    where: { AND: filters },
    include: incidentInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => serializeIncident(row, now)),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Free-text search over the reference, slip numbers and description. */
function searchFilter(q: string): Prisma.IncidentWhereInput {
  const number = numberOfReference(q);
  const or: Prisma.IncidentWhereInput[] = [
    { rrn: { contains: q } },
    { traceNo: { contains: q } },
    { authCode: containsInsensitive(q) },
    { cardLast4: q },
    { description: containsInsensitive(q) },
    { terminal: { tid: containsInsensitive(q) } },
  ];
  if (number !== null) or.push({ number });
  return { OR: or };
}
