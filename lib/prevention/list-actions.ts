// The prevention actions a person sees: open ones first, soonest due first (overdue at the top),
// then done ones, most recently completed first; optionally one status. Optionally those of one
// incident (its page). At most LIST_LIMIT, with the count of open ones.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actionInclude, loadActionRefs, serializeAction } from "@/lib/prevention/serialize";
import { visibleActionsWhere } from "@/lib/prevention/visible-actions";
import type { PreventionActionDto, PreventionStatus } from "@/lib/schemas/prevention";

const LIST_LIMIT = 200;

export async function listPreventionActions({
  actor,
  status,
  incidentId,
  now = new Date(),
}: {
  actor: Actor;
  status?: PreventionStatus;
  incidentId?: string;
  now?: Date;
}): Promise<{ items: PreventionActionDto[]; openCount: number }> {
  const where: Prisma.PreventionActionWhereInput = {
    AND: [visibleActionsWhere(actor), incidentId ? { incidents: { some: { incidentId } } } : {}],
  };
  const [open, done, openCount] = await Promise.all([
    status === "done"
      ? []
      : prisma.preventionAction.findMany({
          where: { ...where, status: "open" },
          include: actionInclude,
          orderBy: [{ dueAt: "asc" }, { id: "asc" }],
          take: LIST_LIMIT,
        }),
    status === "open"
      ? []
      : prisma.preventionAction.findMany({
          where: { ...where, status: "done" },
          include: actionInclude,
          orderBy: [{ completedAt: "desc" }, { id: "asc" }],
          take: LIST_LIMIT,
        }),
    prisma.preventionAction.count({ where: { ...where, status: "open" } }),
  ]);
  const rows = [...open, ...done].slice(0, LIST_LIMIT);
  const refs = await loadActionRefs(prisma, actor.merchantId, rows);
  return { items: rows.map((row) => serializeAction(row, refs.people, refs.references, now)), openCount };
}
