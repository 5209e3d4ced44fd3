// Writes and keeps the Deadline rows inside the caller's transaction: given when an incident or a
// prevention action is made, marked done (met or missed) when its work is done, opened again when
// a closed case is reopened. The incident's dueAt is kept equal to its soonest outstanding deadline,
// so lists sort and filter by what is due next on an index.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { timestampSql } from "@/lib/db/dialect";
import { newId } from "@/lib/db/new-id";
import type { PlannedDeadline } from "@/lib/deadlines/compute";
import { nextActionAt } from "@/lib/deadlines/escalation";
import type { DeadlineSettings, DeadlineSubject } from "@/lib/deadlines/settings";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Levels assumed when a deadline is written: the most the ladder has (cashier → supervisor →
 * admin). The deadline job reads the plan when it acts and stops at the ladder's real end.
 */
export const MAX_ESCALATION_LEVELS = 2;

export function escalateEveryMs(settings: Pick<DeadlineSettings, "escalateEveryHours">): number {
  return settings.escalateEveryHours * 3_600_000;
}

/** The INSERT of an incident's or an action's planned deadlines, for the caller's batch. */
export function insertDeadlinesSql({
  merchantId,
  incidentId,
  preventionActionId,
  deadlines,
  settings,
  now,
}: {
  merchantId: string;
  incidentId: string | null;
  preventionActionId: string | null;
  deadlines: readonly PlannedDeadline[];
  settings: DeadlineSettings;
  now: Date;
}): Prisma.Sql {
  const rows = deadlines.map((deadline) => {
    const next = nextActionAt(
      { dueAt: deadline.dueAt, doneAt: null, remindAt: deadline.remindAt, remindedAt: null, escalationLevel: 0 },
      { levels: MAX_ESCALATION_LEVELS, escalateEveryMs: escalateEveryMs(settings) },
    );
    return Prisma.sql`(${newId()}, ${merchantId}, ${incidentId}, ${preventionActionId}, ${deadline.subject},
      ${deadline.dueAt}, 'pending', ${deadline.remindAt}, 0, ${next}, ${now}, ${now})`;
  });
  return Prisma.sql`INSERT INTO "Deadline"
    ("id", "merchantId", "incidentId", "preventionActionId", "subject", "dueAt", "status", "remindAt",
     "escalationLevel", "nextActionAt", "createdAt", "updatedAt")
    VALUES ${Prisma.join(rows)}`;
}

/**
 * Marks an incident's deadline for `subject` done at `at`: met when on time, missed when late
 * (whether or not the job had noticed yet); the job has nothing more to do with it. One UPDATE.
 */
export async function markIncidentDeadlineDone(
  tx: Tx,
  { incidentId, subject, at }: { incidentId: string; subject: DeadlineSubject; at: Date },
): Promise<void> {
  await tx.$executeRaw`UPDATE "Deadline"
    SET "doneAt" = ${at},
        "status" = CASE WHEN "dueAt" >= ${timestampSql(at)} THEN 'met' ELSE 'missed' END,
        "nextActionAt" = NULL,
        "updatedAt" = ${at}
    WHERE "incidentId" = ${incidentId} AND "subject" = ${subject} AND "doneAt" IS NULL`;
}

/** Marks a prevention action's deadline done when the action is completed. */
export async function markActionDeadlineDone(
  tx: Tx,
  { preventionActionId, at }: { preventionActionId: string; at: Date },
): Promise<void> {
  const deadline = await tx.deadline.findUnique({
    where: { preventionActionId },
    select: { id: true, dueAt: true, doneAt: true },
  });
  if (!deadline || deadline.doneAt) return;
  await tx.deadline.update({
    where: { id: deadline.id },
    data: { doneAt: at, status: at.getTime() <= deadline.dueAt.getTime() ? "met" : "missed", nextActionAt: null },
  });
}

/**
 * A reopened case has its close deadline outstanding again — the one it was given, not a new one:
 * pending while ahead, missed once passed; the job looks at it at once and escalates what is due.
 */
export async function reopenCloseDeadline(tx: Tx, { incidentId, now }: { incidentId: string; now: Date }) {
  const deadline = await tx.deadline.findUnique({
    where: { incidentId_subject: { incidentId, subject: "close" } },
    select: { id: true, dueAt: true },
  });
  if (!deadline) return;
  await tx.deadline.update({
    where: { id: deadline.id },
    data: { doneAt: null, status: deadline.dueAt > now ? "pending" : "missed", nextActionAt: now },
  });
}

/** The incident's soonest outstanding deadline (what is due next), or null when it has none. */
export async function nextDueOf(tx: Tx, incidentId: string): Promise<Date | null> {
  const soonest = await tx.deadline.aggregate({ where: { incidentId, doneAt: null }, _min: { dueAt: true } });
  return soonest._min.dueAt;
}
