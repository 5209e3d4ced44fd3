// The deadline job: every instance runs it every few seconds (lib/jobs/worker.ts), so a deadline
// that passes is noticed within a minute without anyone opening a page. It walks the deadlines
// whose next action time has come (one index), a round of up to BATCH at a time, and makes each
// one's due move — the reminder before it, or the next escalation level after it (dueMove). A
// round is one transaction per merchant: each move is claimed by a conditional update (two
// instances racing: one wins, the other changes nothing), then all the round's notifications go in
// one INSERT (dedupe keys: once, even if a move were claimed twice) and its deadline.reminded /
// deadline.escalated events in one append to the merchant's chain. A round that fails is retried
// a deadline at a time, so one bad row cannot hold the others back.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import { prisma, type Tx } from "@/lib/db/client";
import { type DeadlineMove, dueMove, escalationLevels, nextActionAt } from "@/lib/deadlines/escalation";
import { escalateEveryMs } from "@/lib/deadlines/record-deadlines";
import { DEFAULT_TIME_ZONE, type DeadlineSubject, readStoredSettings } from "@/lib/deadlines/settings";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kindFromDb } from "@/lib/incidents/codec";
import { type IncidentKind, STEP_KEYS, type StepKey } from "@/lib/incidents/rules";
import { referenceOf } from "@/lib/incidents/serialize";
import { log } from "@/lib/log";
import {
  insertNotifications,
  loadPlanAndStaff,
  loadStaff,
  type NotificationRow,
  queueEmails,
} from "@/lib/notifications/notify";
import { type Audience, type Plan, resolveAudience, type StaffMember } from "@/lib/notifications/plan";
import {
  ACTION_MESSAGE_KEYS,
  NOTIFICATION_MESSAGE_KEYS,
  type NotificationType,
  notificationTypeToDb,
} from "@/lib/notifications/types";
import { isRole, type Role } from "@/lib/rbac/permissions";

/** Deadlines looked at per round (a chain's evening cut-off makes thousands due at once). */
const BATCH = 200;

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
  for (;;) {
    const due: { id: string; merchantId: string; nextActionAt: Date | null }[] = await prisma.deadline.findMany({
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
      select: { id: true, merchantId: true, nextActionAt: true },
    });
    const byMerchant = new Map<string, string[]>();
    for (const row of due) byMerchant.set(row.merchantId, [...(byMerchant.get(row.merchantId) ?? []), row.id]);
    for (const ids of byMerchant.values()) count(result, await moveRound(ids, now));
    const last = due.at(-1);
    if (due.length < BATCH || !last?.nextActionAt) break;
    after = { nextActionAt: last.nextActionAt, id: last.id };
  }
  return result;
}

function count(result: SweepResult, moves: readonly (DeadlineMove | null)[]) {
  for (const move of moves) {
    if (move?.type === "remind") result.reminded++;
    if (move?.type === "escalate") result.escalated++;
  }
}

/** One merchant's round in one transaction; if it fails, each deadline on its own. */
async function moveRound(ids: readonly string[], now: Date): Promise<(DeadlineMove | null)[]> {
  try {
    return await prisma.$transaction((tx) => moveDeadlines(tx, ids, now));
  } catch (error) {
    if (ids.length === 1) {
      // Tried again at the next sweep.
      log.error("deadline.sweep_error", { deadlineId: ids[0], error: messageOf(error) });
      return [null];
    }
    const moves: (DeadlineMove | null)[] = [];
    for (const id of ids) moves.push(...(await moveRound([id], now)));
    return moves;
  }
}

/** Looks at one deadline in `tx` and makes its due move, if it is still due and still unclaimed. */
export async function moveDeadline(tx: Tx, id: string, now: Date): Promise<DeadlineMove | null> {
  return (await moveDeadlines(tx, [id], now))[0] ?? null;
}

/**
 * Looks at one merchant's deadlines in `tx` and makes each one's due move, if it is still due and
 * still unclaimed; returns the moves made, in the order of `ids`.
 */
export async function moveDeadlines(tx: Tx, ids: readonly string[], now: Date): Promise<(DeadlineMove | null)[]> {
  const rows = await tx.deadline.findMany({
    // Issue 10: a drill has no deadlines (insertIncident writes none); should one have any, the job
    // never reminds or escalates it.
    where: {
      id: { in: [...ids] },
      nextActionAt: { lte: now },
      OR: [{ incidentId: null }, { incident: { drill: false } }],
    },
    include: deadlineInclude,
    // The same order on every instance, so racing rounds take the rows' locks in one order.
    orderBy: { id: "asc" },
  });
  const first = rows[0];
  if (!first) return ids.map(() => null);
  const merchant = await tx.merchant.findUniqueOrThrow({
    where: { id: first.merchantId },
    select: { deadlineSettings: true, timeZone: true },
  });
  const settings = readStoredSettings(merchant.deadlineSettings);
  const timeZone = merchant.timeZone || DEFAULT_TIME_ZONE;
  const targets = new TargetCache(tx);

  const moved = new Map<string, DeadlineMove>();
  const notifications: NotificationRow[] = [];
  const moves: { row: DeadlineRow; move: DeadlineMove; level: number; recipients: StaffMember[] }[] = [];
  for (const row of rows) {
    if (row.merchantId !== first.merchantId) continue;
    const target = await targets.of(row);
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
        where: { id: row.id, nextActionAt: row.nextActionAt },
        data: { nextActionAt: nextActionAt(state, timing) },
      });
      continue;
    }
    const claimed =
      move.type === "remind"
        ? await tx.deadline.updateMany({
            where: { id: row.id, remindedAt: null, doneAt: null },
            data: { remindedAt: now, nextActionAt: nextActionAt({ ...state, remindedAt: now }, timing) },
          })
        : await tx.deadline.updateMany({
            where: { id: row.id, escalationLevel: row.escalationLevel, doneAt: null },
            data: {
              escalationLevel: move.level,
              status: "missed",
              nextActionAt: nextActionAt({ ...state, escalationLevel: move.level }, timing),
            },
          });
    if (claimed.count !== 1) continue;
    moved.set(row.id, move);

    const audience: Audience =
      move.type === "remind" ? target.responsible : { roles: ladder[move.level - 1] ?? [], userIds: [] };
    const recipients = [
      ...(move.type === "remind" ? target.alwaysRemind : []),
      ...resolveAudience({ audience, staff: target.staff, actorId: null }),
    ].filter((member, index, all) => all.findIndex((other) => other.userId === member.userId) === index);
    const type = move.type === "remind" ? "deadline_reminder" : "deadline_escalated";
    const level = move.type === "remind" ? 0 : move.level;
    moves.push({ row, move, level, recipients });
    for (const recipient of recipients) {
      notifications.push({
        type,
        merchantId: row.merchantId,
        incidentId: row.incidentId,
        recipientId: recipient.userId,
        messageKey: row.preventionAction ? ACTION_MESSAGE_KEYS[type] : NOTIFICATION_MESSAGE_KEYS[type],
        params: {
          ...target.params,
          by: "",
          subject: row.subject as DeadlineSubject,
          dueAt: row.dueAt.toISOString(),
          timeZone,
        },
        dedupeKey: dedupeKeyOf(type, row.id, level, recipient.userId),
      });
    }
  }

  const written = await insertNotifications(tx, notifications);
  const inserted = new Set(written.map((row) => row.dedupeKey));
  const emailed = Boolean(env.SMTP_URL);
  const events = moves.flatMap(({ row, move, level, recipients }) => {
    const type = move.type === "remind" ? "deadline_reminder" : "deadline_escalated";
    const told = recipients
      .filter((recipient) => inserted.has(dedupeKeyOf(type, row.id, level, recipient.userId)))
      .map(({ userId, name }) => ({ userId, name }));
    const after = {
      deadlineId: row.id,
      subject: row.subject as DeadlineSubject,
      dueAt: row.dueAt.toISOString(),
      level,
      ...(row.preventionActionId ? { preventionActionId: row.preventionActionId } : {}),
      recipients: told,
      emailed: told.length > 0 && emailed,
    };
    const eventType = move.type === "remind" ? ("deadline.reminded" as const) : ("deadline.escalated" as const);
    return timelinesOf(row).map((incidentId) => ({ incidentId, actorId: null, type: eventType, before: null, after }));
  });
  await appendEvents(tx, first.merchantId, events);
  await queueEmails(tx, written);
  return ids.map((id) => moved.get(id) ?? null);
}
/** What a move reads of a deadline: its incident, or its prevention action. */
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

/** A notification's dedupe key: one per deadline, level (0 = the reminder) and person. */
function dedupeKeyOf(type: NotificationType, deadlineId: string, level: number, userId: string): string {
  return `${notificationTypeToDb(type)}:${deadlineId}:${level}:${userId}`;
}

/** The incidents whose timelines record a deadline's moves: its incident, or its action's incidents. */
function timelinesOf(row: DeadlineRow): string[] {
  if (row.incident) return [row.incident.id];
  return row.preventionAction?.incidents.map((link) => link.incidentId) ?? [];
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
  params: { reference?: string; kind?: IncidentKind; store: string; actionType?: string; owner?: string };
}

/** Who is responsible for each deadline of a round, reading each kind's plan and each store's staff once. */
class TargetCache {
  private readonly plans = new Map<string, Promise<{ plan: Plan; staff: StaffMember[] }>>();
  private readonly staff = new Map<string, Promise<StaffMember[]>>();

  constructor(private readonly tx: Tx) {}

  async of(row: DeadlineRow): Promise<Responsible> {
    if (row.incident) {
      const incident = row.incident;
      const kind = kindFromDb(incident.kind);
      const key = `${kind}:${incident.storeId}`;
      let loaded = this.plans.get(key);
      if (!loaded) {
        loaded = loadPlanAndStaff(this.tx, { merchantId: row.merchantId, kind, storeId: incident.storeId });
        this.plans.set(key, loaded);
      }
      const { plan, staff } = await loaded;
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
      };
    }
    const action = row.preventionAction;
    if (!action) {
      const nobody = { roles: [], userIds: [] };
      return {
        responsible: nobody,
        alwaysRemind: [],
        responsibleRoles: [],
        staff: [],
        finished: true,
        params: { store: "" },
      };
    }
    const storeKey = action.storeId ?? "";
    let staffLoaded = this.staff.get(storeKey);
    if (!staffLoaded) {
      staffLoaded = loadStaff(this.tx, { merchantId: row.merchantId, storeId: action.storeId });
      this.staff.set(storeKey, staffLoaded);
    }
    const staff = await staffLoaded;
    const owner = await this.tx.membership.findFirst({
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
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The roles of an audience: its roles, and the roles of the people it names. */
function rolesOf(audience: Audience, staff: readonly StaffMember[]): Role[] {
  const named = staff.filter((member) => audience.userIds.includes(member.userId)).map((member) => member.role);
  return [...new Set([...audience.roles, ...named])];
}
