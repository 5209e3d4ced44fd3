// Everything the /admin/deadlines page shows, read for the admin at once: the settings with the
// time zone, the business calendar, and each store's daily cut-off.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { getDeadlineSettings } from "@/lib/deadlines/get-deadline-settings";
import { listCalendarDays } from "@/lib/deadlines/list-calendar-days";
import type { CalendarDayDto, DeadlineSettingsDto, StoreCutoffDto } from "@/lib/deadlines/schemas";

export interface DeadlineAdminView {
  settings: DeadlineSettingsDto;
  calendarDays: CalendarDayDto[];
  stores: StoreCutoffDto[];
}

export async function readDeadlineAdmin({ actor }: { actor: Actor }): Promise<DeadlineAdminView> {
  assertCanManageDeadlines(actor);
  const [settings, calendarDays, stores] = await Promise.all([
    getDeadlineSettings({ actor }),
    listCalendarDays({ actor }),
    prisma.store.findMany({
      where: { merchantId: actor.merchantId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, cutoffTime: true },
    }),
  ]);
  return { settings, calendarDays, stores };
}
