// Database rows → the API's prevention action JSON.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { referenceOf } from "@/lib/incidents/serialize";
import type { PreventionActionDto, PreventionStatus, PreventionType } from "@/lib/schemas/prevention";

/** The action's people, looked up by id (users are not relations of the action: see the model). */
export type PeopleById = ReadonlyMap<string, { id: string; name: string }>;

export const actionInclude = {
  incidents: { select: { incidentId: true } },
} satisfies Prisma.PreventionActionInclude;

export type ActionRow = Prisma.PreventionActionGetPayload<{ include: typeof actionInclude }>;

export function serializeAction(
  action: ActionRow,
  people: PeopleById,
  references: ReadonlyMap<string, number>,
  now: Date = new Date(),
): PreventionActionDto {
  const person = (id: string) => people.get(id) ?? { id, name: "" };
  return {
    id: action.id,
    type: action.type as PreventionType,
    status: action.status as PreventionStatus,
    note: action.note,
    storeId: action.storeId,
    assignee: person(action.assigneeId),
    dueAt: action.dueAt.toISOString(),
    overdue: action.status === "open" && action.dueAt.getTime() < now.getTime(),
    incidents: action.incidents
      .map(({ incidentId }) => ({ id: incidentId, number: references.get(incidentId) }))
      .filter((incident): incident is { id: string; number: number } => incident.number !== undefined)
      .sort((a, b) => a.number - b.number)
      .map((incident) => ({ id: incident.id, reference: referenceOf(incident.number) })),
    createdBy: person(action.createdById),
    createdAt: action.createdAt.toISOString(),
    completedBy: action.completedById ? person(action.completedById) : null,
    completedAt: action.completedAt?.toISOString() ?? null,
    completionNote: action.completionNote,
  };
}

/** The people and incident numbers a set of actions names, in two queries. */
export async function loadActionRefs(
  tx: Prisma.TransactionClient,
  merchantId: string,
  actions: readonly ActionRow[],
): Promise<{ people: PeopleById; references: ReadonlyMap<string, number> }> {
  const userIds = new Set<string>();
  const incidentIds = new Set<string>();
  for (const action of actions) {
    userIds.add(action.assigneeId);
    userIds.add(action.createdById);
    if (action.completedById) userIds.add(action.completedById);
    for (const { incidentId } of action.incidents) incidentIds.add(incidentId);
  }
  const [users, incidents] = await Promise.all([
    tx.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    tx.incident.findMany({ where: { merchantId, id: { in: [...incidentIds] } }, select: { id: true, number: true } }),
  ]);
  return {
    people: new Map(users.map((user) => [user.id, user])),
    references: new Map(incidents.map((incident) => [incident.id, incident.number])),
  };
}
