// Marks a prevention action done, with a note saying what was done: its owner may, and a role
// that completes prevention actions (supervisor, admin) may for any it sees. Conditional on the
// action still being open, so two people completing it at once leave one completion and one event.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { markActionDeadlineDone } from "@/lib/deadlines/record-deadlines";
import { AppError } from "@/lib/errors/app-error";
import { actionInclude, loadActionRefs, serializeAction } from "@/lib/prevention/serialize";
import { visibleActionsWhere } from "@/lib/prevention/visible-actions";
import { can } from "@/lib/rbac/permissions";
import type { CompletePreventionActionInput, PreventionActionDto } from "@/lib/schemas/prevention";

export async function completePreventionAction({
  actor,
  id,
  input,
  now = new Date(),
}: {
  actor: Actor;
  id: string;
  input: CompletePreventionActionInput;
  now?: Date;
}): Promise<PreventionActionDto> {
  return prisma.$transaction(async (tx) => {
    const action = await tx.preventionAction.findFirst({
      where: { AND: [visibleActionsWhere(actor), { id }] },
      include: actionInclude,
    });
    if (!action) throw new AppError("NOT_FOUND", { reason: "PREVENTION_ACTION_NOT_FOUND" });
    if (action.assigneeId !== actor.userId && !can(actor.role, "prevention.complete")) {
      throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_PREVENT" });
    }
    if (action.status !== "open") {
      throw new AppError("RULE_VIOLATION", { reason: "PREVENTION_ALREADY_DONE" });
    }
    const { count } = await tx.preventionAction.updateMany({
      where: { id, status: "open" },
      data: { status: "done", completedById: actor.userId, completedAt: now, completionNote: input.note },
    });
    if (count !== 1) throw new AppError("RULE_VIOLATION", { reason: "PREVENTION_ALREADY_DONE" });
    await markActionDeadlineDone(tx, { preventionActionId: id, at: now });
    await appendEvents(
      tx,
      actor.merchantId,
      action.incidents.map(({ incidentId }) => ({
        incidentId,
        actorId: actor.userId,
        type: "prevention.completed" as const,
        before: { actionId: id, status: "open" as const },
        after: { actionId: id, status: "done" as const, note: input.note },
      })),
    );
    const done = await tx.preventionAction.findUniqueOrThrow({ where: { id }, include: actionInclude });
    const refs = await loadActionRefs(tx, actor.merchantId, [done]);
    return serializeAction(done, refs.people, refs.references, now);
  });
}
