// Issue 9: the business calendar's holidays and make-up working days (调休), admin only: the list
// (optionally one year's) and adding a date (audited).
import { apiHandler, readJson } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { addCalendarDay } from "@/lib/deadlines/add-calendar-day";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { listCalendarDays } from "@/lib/deadlines/list-calendar-days";
import { calendarDayInputSchema, calendarQuerySchema } from "@/lib/deadlines/schemas";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  assertCanManageDeadlines(actor);
  const query = parseInput(calendarQuerySchema, readQuery(request.url));
  return Response.json({ items: await listCalendarDays({ actor, year: query.year }) });
});

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  assertCanManageDeadlines(actor);
  const input = await readJson(request, calendarDayInputSchema);
  return Response.json(await addCalendarDay({ actor, input }), { status: 201 });
});
