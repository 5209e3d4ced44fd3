// The escalation ladder and the deadline job's state machine, as pure functions. A deadline's
// responsible people are reminded `reminderHours` before it; when it passes with the work undone,
// the next level of the ladder is told (cashier → the store's supervisor → admin), and every
// `escalateEveryHours` after that the level above, up to the admins. The job (sweep.ts) claims
// each of these moves with a conditional update, so each is made — and notified — once.
import type { Role } from "@/lib/rbac/permissions";

/** A role's rung: the cashier at the bottom, the store's supervisor and finance above, the admin at the top. */
const RUNG = { CASHIER: 0, SUPERVISOR: 1, FINANCE: 1, ADMIN: 2 } as const satisfies Record<Role, number>;
const TOP_RUNG = 2;
/** Who stands on each rung above the bottom, when a rung is told. */
const RUNG_ROLES: Record<1 | 2, Role[]> = { 1: ["SUPERVISOR"], 2: ["ADMIN"] };

/**
 * The roles told at each escalation level, given the roles of the responsible people (those a step's
 * plan names, or a prevention action's owner). Level 1 is the rung above the highest responsible
 * one; the ladder ends with the admins. When the responsible are admins already, the admins are
 * told once that it was missed. No one responsible counts as the bottom rung.
 */
export function escalationLevels(responsibleRoles: readonly Role[]): Role[][] {
  const highest = responsibleRoles.reduce((top, role) => Math.max(top, RUNG[role]), 0);
  const levels: Role[][] = [];
  for (let rung = highest + 1; rung <= TOP_RUNG; rung++) levels.push(RUNG_ROLES[rung as 1 | 2]);
  return levels.length > 0 ? levels : [RUNG_ROLES[TOP_RUNG]];
}

export interface DeadlineState {
  dueAt: Date;
  doneAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  escalationLevel: number;
}

export type DeadlineMove = { type: "remind" } | { type: "escalate"; level: number };

/** When escalation level `level` (1, 2, …) is due. */
function escalationAt(state: DeadlineState, level: number, escalateEveryMs: number): number {
  return state.dueAt.getTime() + (level - 1) * escalateEveryMs;
}

/**
 * The move due at `now`, if any: the reminder while the deadline is ahead, else the next
 * escalation level once its time came. A deadline already passed is not reminded of any more.
 */
export function dueMove(
  state: DeadlineState,
  now: Date,
  { levels, escalateEveryMs }: { levels: number; escalateEveryMs: number },
): DeadlineMove | null {
  if (state.doneAt) return null;
  const at = now.getTime();
  if (at < state.dueAt.getTime()) {
    return state.remindAt && !state.remindedAt && at >= state.remindAt.getTime() ? { type: "remind" } : null;
  }
  const level = state.escalationLevel + 1;
  if (level > levels) return null;
  return at >= escalationAt(state, level, escalateEveryMs) ? { type: "escalate", level } : null;
}

/** When the job must look at the deadline next; null when nothing more will happen to it. */
export function nextActionAt(
  state: DeadlineState,
  { levels, escalateEveryMs }: { levels: number; escalateEveryMs: number },
): Date | null {
  if (state.doneAt) return null;
  if (state.remindAt && !state.remindedAt && state.escalationLevel === 0 && state.remindAt < state.dueAt) {
    return state.remindAt;
  }
  const level = state.escalationLevel + 1;
  if (level > levels) return null;
  return new Date(escalationAt(state, level, escalateEveryMs));
}
