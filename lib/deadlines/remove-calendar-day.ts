// The admin removes a date from the merchant's business calendar: it counts as a weekday or a
// weekend day again. A date that is not there answers 404. Audited as calendar.day_removed (with
// what was removed) in the same transaction.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import type { CalendarDayType } from "@/lib/deadlines/schemas";
import { AppError } from "@/lib/errors/app-error";

export async function removeCalendarDay({ actor, date }: { actor: Actor; date: string }): Promise<void> {
  assertCanManageDeadlines(actor);
  await prisma.$transaction(async (tx) => {
    const day = await tx.calendarDay.findUnique({
      where: { merchantId_date: { merchantId: actor.merchantId, date } },
      select: { id: true, date: true, type: true, name: true },
    });
    if (!day) throw new AppError("NOT_FOUND", { reason: "CALENDAR_DAY_NOT_FOUND", params: { date } });
    // Conditional on the row still being there: of two removals at once, one is recorded.
    const { count } = await tx.calendarDay.deleteMany({ where: { id: day.id, merchantId: actor.merchantId } });
    if (count !== 1) throw new AppError("NOT_FOUND", { reason: "CALENDAR_DAY_NOT_FOUND", params: { date } });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "calendar.day_removed",
      before: { date: day.date, type: day.type as CalendarDayType, name: day.name },
    });
  });
}
