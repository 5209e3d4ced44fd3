// Issue 9: DELETE removes one date from the business calendar (admin only; audited; 404 when absent).
import { z } from "zod";
import { apiHandler } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { removeCalendarDay } from "@/lib/deadlines/remove-calendar-day";
import { calendarDateSchema } from "@/lib/deadlines/schemas";

const pathSchema = z.strictObject({ date: calendarDateSchema });

export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ date: string }> }) => {
  const actor = await requireActor(request.headers);
  assertCanManageDeadlines(actor);
  const { date } = parseInput(pathSchema, await params);
  await removeCalendarDay({ actor, date });
  return new Response(null, { status: 204 });
});
