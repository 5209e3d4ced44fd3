// The merchant's business calendar beyond weekends — holidays and make-up working days (调休) —
// in date order, all of them or one year's.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import type { CalendarDayDto, CalendarDayType } from "@/lib/deadlines/schemas";

export async function listCalendarDays({ actor, year }: { actor: Actor; year?: number }): Promise<CalendarDayDto[]> {
  assertCanManageDeadlines(actor);
  const days = await prisma.calendarDay.findMany({
    where: {
      merchantId: actor.merchantId,
      // Dates are YYYY-MM-DD text, so a year is a range of strings.
      ...(year === undefined ? {} : { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } }),
    },
    orderBy: { date: "asc" },
    select: { date: true, type: true, name: true },
  });
  return days.map((day) => ({ date: day.date, type: day.type as CalendarDayType, name: day.name }));
}
