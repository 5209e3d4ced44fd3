// The admin adds a holiday (法定节假日) or a make-up working day (调休) to the merchant's business
// calendar. One entry per date: a date already there answers 409 naming it (remove it first to
// change it). Audited as calendar.day_added in the same transaction.
import "server-only";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import type { CalendarDayDto, CalendarDayInput } from "@/lib/deadlines/schemas";
import { AppError } from "@/lib/errors/app-error";

function dateTaken(date: string): AppError {
  const taken = { reason: "CALENDAR_DAY_TAKEN", params: { date } } as const;
  return new AppError("CONFLICT", taken, { date: taken });
}

export async function addCalendarDay({
  actor,
  input,
}: {
  actor: Actor;
  input: CalendarDayInput;
}): Promise<CalendarDayDto> {
  assertCanManageDeadlines(actor);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.calendarDay.findUnique({
        where: { merchantId_date: { merchantId: actor.merchantId, date: input.date } },
        select: { id: true },
      });
      if (existing) throw dateTaken(input.date);
      await tx.calendarDay.create({
        data: { merchantId: actor.merchantId, date: input.date, type: input.type, name: input.name },
      });
      const day = { date: input.date, type: input.type, name: input.name };
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        actorId: actor.userId,
        type: "calendar.day_added",
        after: day,
      });
      return day;
    });
  } catch (error) {
    // Two admins adding the same date at once: the unique index refuses the second.
    rethrowUniqueClash(error, dateTaken(input.date));
  }
}
