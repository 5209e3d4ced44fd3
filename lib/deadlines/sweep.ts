// The deadline job: every instance runs it every few seconds (lib/jobs/worker.ts), so a deadline
// that passes is noticed within a minute without anyone opening a page. It walks the deadlines
// whose next action time has come (one index), and for each makes the move due — the reminder
// before it, or the next escalation level after it (dueMove) — in its own transaction: a
// conditional update claims the move (two instances racing: one wins, the other changes nothing),
// then the notifications (dedupe keys: once, even if the same move were claimed twice) and the
// deadline.reminded / deadline.escalated event on the incident's timeline are written with it.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import { prisma, type Tx } from "@/lib/db/client";
import { type DeadlineMove, dueMove, escalationLevels, nextActionAt } from "@/lib/deadlines/escalation";
import { escalateEveryMs } from "@/lib/deadlines/record-deadlines";
import { DEFAULT_TIME_ZONE, type DeadlineSubject, readStoredSettings } from "@/lib/deadlines/settings";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { STEP_KEYS, type StepKey } from "@/lib/incidents/rules";
import { referenceOf } from "@/lib/incidents/serialize";
import { log } from "@/lib/log";
import { loadPlanAndStaff, loadStaff, sendNotifications } from "@/lib/notifications/notify";
import { type Audience, resolveAudience, type StaffMember } from "@/lib/notifications/plan";
import { ACTION_MESSAGE_KEYS, NOTIFICATION_MESSAGE_KEYS, notificationTypeToDb } from "@/lib/notifications/types";
import { isRole, type Role } from "@/lib/rbac/permissions";

/** Deadlines looked at per round; a sweep runs rounds until one comes back short. */
const BATCH = 100;
const MAX_ROUNDS = 50;

/** Who closes a case out (DOMAIN.md: the supervisor): responsible for the close deadline. */
const CLOSE_RESPONSIBLE: Audience = { roles: ["SUPERVISOR"], userIds: [] };

export interface SweepResult {
  reminded: number;
  escalated: number;
}

/** Makes every deadline move due at `now`. Safe to run on any number of instances at once. */
export async function sweepDeadlines(now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = { reminded: 0, escalated: 0 };
  let after: { nextActionAt: Date; id: string } | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due: { id: string; nextActionAt: Date | null }[] = await prisma.deadline.findMany({
      where: {
        nextActionAt: { lte: now },
        ...(after
          ? {
              OR: [
                { nextActionAt: { gt: after.nextActionAt } },
                { nextActionAt: after.nextActionAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ nextActionAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: { id: true, nextActionAt: true },
    });
    for (const row of due) {
      try {
        const move = await prisma.$transaction((tx) => moveDeadline(tx, row.id, now));
        if (move?.type === "remind") result.reminded++;
        if (move?.type === "escalate") result.escalated++;
      } catch (error) {
        // One bad row must not stop the others; it is tried again at the next sweep.
        log.error("deadline.sweep_error", {
          deadlineId: row.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const last = due.at(-1);
    if (due.length < BATCH || !last?.nextActionAt) break;
    after = { nextActionAt: last.nextActionAt, id: last.id };
  }
  return result;
}

/** Looks at one deadline in `tx` and makes its due move, if it is still due and still unclaimed. */
export async function moveDeadline(tx: Tx, id: string, now: Date): Promise<DeadlineMove | null> {
  const row = await tx.deadline.findUnique({ where: { id }, include: deadlineInclude });
  if (!row?.nextActionAt || row.nextActionAt > now) return null;
  const merchant = await tx.merchant.findUniqueOrThrow({
    where: { id: row.merchantId },
    select: { deadlineSettings: true, timeZone: true },
  });
  const settings = readStoredSettings(merchant.deadlineSettings);
  const target = await responsibleFor(tx, row);
  const ladder = escalationLevels(target.responsibleRoles);
  const timing = { levels: ladder.length, escalateEveryMs: escalateEveryMs(settings) };
  const state = {
    dueAt: row.dueAt,
    doneAt: row.doneAt ?? (target.finished ? now : null),
    remindAt: row.remindAt,
    remindedAt: row.remindedAt,
    escalationLevel: row.escalationLevel,
  };
  const move = dueMove(state, now, timing);
  if (!move) {
    // Nothing due (the work was done, the ladder ended, or the time moved): only the next look moves.
    await tx.deadline.updateMany({
      where: { id, nextActionAt: row.nextActionAt },
      data: { nextActionAt: nextActionAt(state, timing) },
    });
    return null;
  }

  const claimed =
    move.type === "remind"
      ? await tx.deadline.updateMany({
          where: { id, remindedAt: null, doneAt: null },
          data: { remindedAt: now, nextActionAt: nextActionAt({ ...state, remindedAt: now }, timing) },
        })
      : await tx.deadline.updateMany({
          where: { id, escalationLevel: row.escalationLevel, doneAt: null },
          data: {
            escalationLevel: move.level,
            status: "missed",
            nextActionAt: nextActionAt({ ...state, escalationLevel: move.level }, timing),
          },
        });
  if (claimed.count !== 1) return null;

  const audience: Audience =
    move.type === "remind" ? target.responsible : { roles: ladder[move.level - 1] ?? [], userIds: [] };
  const recipients = [
    ...(move.type === "remind" ? target.alwaysRemind : []),
    ...resolveAudience({ audience, staff: target.staff, actorId: null }),
  ].filter((member, index, all) => all.findIndex((other) => other.userId === member.userId) === index);
  const type = move.type === "remind" ? "deadline_reminder" : "deadline_escalated";
  const level = move.type === "remind" ? 0 : move.level;
  const told = await sendNotifications(tx, {
    type,
    merchantId: row.merchantId,
    incidentId: row.incidentId,
    recipients,
    messageKey: row.preventionAction ? ACTION_MESSAGE_KEYS[type] : NOTIFICATION_MESSAGE_KEYS[type],
    params: {
      ...target.params,
      by: "",
      subject: row.subject as DeadlineSubject,
      dueAt: row.dueAt.toISOString(),
      timeZone: merchant.timeZone || DEFAULT_TIME_ZONE,
    },
    dedupeKeyOf: (userId) => `${notificationTypeToDb(type)}:${id}:${level}:${userId}`,
    actorId: null,
    audit: false,
  });
  const after = {
    deadlineId: id,
    subject: row.subject as DeadlineSubject,
    dueAt: row.dueAt.toISOString(),
    level,
    ...(row.preventionActionId ? { preventionActionId: row.preventionActionId } : {}),
    recipients: told,
    emailed: told.length > 0 && Boolean(env.SMTP_URL),
  };
  const eventType = move.type === "remind" ? ("deadline.reminded" as const) : ("deadline.escalated" as const);
  await appendEvents(
    tx,
    row.merchantId,
    target.timelines.map((incidentId) => ({ incidentId, actorId: null, type: eventType, before: null, after })),
  );
  return move;
}

interface Responsible {
  /** The plan's responsible people for the step (the close: the store's supervisors). */
  responsible: Audience;
  /** People reminded whatever their store (a prevention action's owner). */
  alwaysRemind: StaffMember[];
  responsibleRoles: Role[];
  staff: StaffMember[];
  /** The work is done or moot although the deadline row does not say so (a closed case, a done action). */
  finished: boolean;
  params: {
    reference?: string;
    kind?: ReturnType<typeof kindFromDb>;
    store: string;
    actionType?: string;
    owner?: string;
  };
  /** The incidents whose timelines record the move. */
  timelines: string[];
}

/** What the move reads of a deadline: its incident, or its prevention action. */
const deadlineInclude = {
  incident: {
    select: { id: true, number: true, kind: true, storeId: true, status: true, store: { select: { name: true } } },
  },
  preventionAction: {
    select: {
      id: true,
      storeId: true,
      type: true,
      status: true,
      assigneeId: true,
      incidents: { select: { incidentId: true } },
    },
  },
} satisfies Prisma.DeadlineInclude;
type DeadlineRow = Prisma.DeadlineGetPayload<{ include: typeof deadlineInclude }>;

async function responsibleFor(tx: Tx, row: DeadlineRow): Promise<Responsible> {
  if (row.incident) {
    const incident = row.incident;
    const kind = kindFromDb(incident.kind);
    const { plan, staff } = await loadPlanAndStaff(tx, { merchantId: row.merchantId, kind, storeId: incident.storeId });
    const responsible = (STEP_KEYS as readonly string[]).includes(row.subject)
      ? plan.responsible[row.subject as StepKey]
      : CLOSE_RESPONSIBLE;
    return {
      responsible,
      alwaysRemind: [],
      responsibleRoles: rolesOf(responsible, staff),
      staff,
      finished: incident.status === "CLOSED" && row.subject === "close",
      params: { reference: referenceOf(incident.number), kind, store: incident.store.name },
      timelines: [incident.id],
    };
  }
  const action = row.preventionAction;
  if (!action) {
    return {
      responsible: { roles: [], userIds: [] },
      alwaysRemind: [],
      responsibleRoles: [],
      staff: [],
      finished: true,
      params: { store: "" },
      timelines: [],
    };
  }
  const staff = await loadStaff(tx, { merchantId: row.merchantId, storeId: action.storeId });
  const owner = await tx.membership.findFirst({
    where: { merchantId: row.merchantId, userId: action.assigneeId },
    select: { role: true, active: true, user: { select: { name: true } } },
  });
  const ownerMember: StaffMember | null =
    owner && isRole(owner.role)
      ? { userId: action.assigneeId, name: owner.user.name, role: owner.role, active: owner.active, inStore: true }
      : null;
  return {
    responsible: { roles: [], userIds: [] },
    alwaysRemind: ownerMember?.active ? [ownerMember] : [],
    responsibleRoles: ownerMember ? [ownerMember.role] : [],
    staff,
    finished: action.status !== "open",
    params: { store: "", actionType: action.type, owner: ownerMember?.name ?? "" },
    timelines: action.incidents.map((link) => link.incidentId),
  };
}

/** The roles of an audience: its roles, and the roles of the people it names. */
function rolesOf(audience: Audience, staff: readonly StaffMember[]): Role[] {
  const named = staff.filter((member) => audience.userIds.includes(member.userId)).map((member) => member.role);
  return [...new Set([...audience.roles, ...named])];
}
