// Makes a prevention action from one or more closed incidents the person can see, owned by an
// active member of the merchant, with its prevention.created event on each incident's timeline —
// all in one transaction.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { remindAtFor } from "@/lib/deadlines/compute";
import { loadDeadlineContext } from "@/lib/deadlines/load-context";
import { insertDeadlinesSql } from "@/lib/deadlines/record-deadlines";
import { AppError } from "@/lib/errors/app-error";
import { visibleIncidentsWhere } from "@/lib/incidents/scope";
import { actionInclude, loadActionRefs, serializeAction } from "@/lib/prevention/serialize";
import { can } from "@/lib/rbac/permissions";
import type { CreatePreventionActionInput, PreventionActionDto } from "@/lib/schemas/prevention";

/** How far in the past a due time may lie (a form filled just before midnight, a clock behind). */
const DUE_AT_GRACE_MS = 24 * 3600_000;

/** The role check, also made by the route before it reads the body (garbage from a cashier is 403). */
export function assertCanPrevent(actor: Actor): void {
  if (!can(actor.role, "prevention.create")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_PREVENT" });
}

export async function createPreventionAction({
  actor,
  input,
  now = new Date(),
}: {
  actor: Actor;
  input: CreatePreventionActionInput;
  now?: Date;
}): Promise<PreventionActionDto> {
  assertCanPrevent(actor);
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() < now.getTime() - DUE_AT_GRACE_MS) {
    throw new AppError(
      "BAD_REQUEST",
      { reason: "INVALID_INPUT", params: { field: "dueAt", others: 0 } },
      {
        dueAt: { reason: "DUE_IN_PAST" },
      },
    );
  }
  const incidentIds = [...new Set(input.incidentIds)];
  return prisma.$transaction(async (tx) => {
    const incidents = await tx.incident.findMany({
      where: { AND: [visibleIncidentsWhere(actor), { id: { in: incidentIds } }] },
      select: { id: true, status: true, storeId: true },
    });
    if (incidents.length !== incidentIds.length) {
      throw new AppError(
        "NOT_FOUND",
        { reason: "INCIDENT_NOT_FOUND" },
        { incidentIds: { reason: "INCIDENT_NOT_FOUND" } },
      );
    }
    if (incidents.some((incident) => incident.status !== "CLOSED")) {
      throw new AppError(
        "RULE_VIOLATION",
        { reason: "PREVENTION_NEEDS_CLOSED_INCIDENTS" },
        {
          incidentIds: { reason: "PREVENTION_NEEDS_CLOSED_INCIDENTS" },
        },
      );
    }
    const assignee = await tx.membership.findFirst({
      where: { userId: input.assigneeId, merchantId: actor.merchantId, active: true },
      select: { userId: true },
    });
    if (!assignee) {
      throw new AppError(
        "BAD_REQUEST",
        { reason: "INVALID_INPUT", params: { field: "assigneeId", others: 0 } },
        {
          assigneeId: { reason: "USER_NOT_FOUND" },
        },
      );
    }
    const stores = new Set(incidents.map((incident) => incident.storeId));
    const id = newId();
    await tx.preventionAction.create({
      data: {
        id,
        merchantId: actor.merchantId,
        storeId: stores.size === 1 ? [...stores][0] : null,
        type: input.type,
        note: input.note,
        assigneeId: input.assigneeId,
        dueAt,
        createdById: actor.userId,
        createdAt: now,
        incidents: { create: incidentIds.map((incidentId) => ({ incidentId })) },
      },
    });
    // Issue 9: an open action counts in the deadline machinery: its owner is reminded before it is
    // due, and the ladder above them is told when it passes undone.
    const { settings } = await loadDeadlineContext(tx, { merchantId: actor.merchantId, storeId: null, from: now });
    await tx.$executeRaw(
      insertDeadlinesSql({
        merchantId: actor.merchantId,
        incidentId: null,
        preventionActionId: id,
        deadlines: [{ subject: "action", dueAt, remindAt: remindAtFor(dueAt, settings.reminderHours, now) }],
        settings,
        now,
      }),
    );
    await appendEvents(
      tx,
      actor.merchantId,
      incidentIds.map((incidentId) => ({
        incidentId,
        actorId: actor.userId,
        type: "prevention.created" as const,
        before: null,
        after: {
          actionId: id,
          type: input.type,
          assigneeId: input.assigneeId,
          dueAt: dueAt.toISOString(),
          note: input.note,
          incidentIds,
        },
      })),
    );
    const action = await tx.preventionAction.findUniqueOrThrow({ where: { id }, include: actionInclude });
    const refs = await loadActionRefs(tx, actor.merchantId, [action]);
    return serializeAction(action, refs.people, refs.references, now);
  });
}
