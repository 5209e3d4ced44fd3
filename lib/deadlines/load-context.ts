// What giving an incident (or a prevention action) its deadlines needs from the database, in one
// statement inside the caller's transaction: the merchant's time zone and deadline settings, the
// store's cut-off, and the business calendar from the mishap's day on.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { addLocalDays, type BusinessCalendar, isTimeZone } from "@/lib/deadlines/calendar";
import type { DeadlineContext } from "@/lib/deadlines/compute";
import { DEFAULT_CUTOFF, DEFAULT_TIME_ZONE, type DeadlineSettings, readStoredSettings } from "@/lib/deadlines/settings";

/** Calendar entries read past the mishap's day: 250 working days (the longest rule) fit in them. */
const CALENDAR_DAYS_AHEAD = 800;

export async function loadDeadlineContext(
  tx: Tx,
  { merchantId, storeId, from }: { merchantId: string; storeId: string | null; from: Date },
): Promise<{ settings: DeadlineSettings; context: DeadlineContext }> {
  // The zone is read in the same statement, so the calendar's range starts from the UTC date two
  // days back: a local date is never more than a day from the UTC one.
  const firstDay = addLocalDays(from.toISOString().slice(0, 10), -2);
  const rows = await tx.$queryRaw<
    {
      timeZone: string;
      deadlineSettings: string | null;
      cutoffTime: string | null;
      date: string | null;
      type: string | null;
    }[]
  >`
    SELECT m."timeZone", m."deadlineSettings", s."cutoffTime", c."date", c."type"
    FROM "Merchant" m
    LEFT JOIN "Store" s ON s."id" = ${storeId} AND s."merchantId" = m."id"
    LEFT JOIN "CalendarDay" c ON c."merchantId" = m."id"
      AND c."date" >= ${firstDay} AND c."date" <= ${addLocalDays(firstDay, CALENDAR_DAYS_AHEAD)}
    WHERE m."id" = ${merchantId}`;
  const first = rows[0];
  if (!first) throw new Error(`Merchant ${merchantId} not found.`);
  const timeZone = isTimeZone(first.timeZone) ? first.timeZone : DEFAULT_TIME_ZONE;
  const calendar: BusinessCalendar = {
    timeZone,
    holidays: new Set(rows.filter((row) => row.type === "holiday" && row.date).map((row) => row.date as string)),
    workdays: new Set(rows.filter((row) => row.type === "workday" && row.date).map((row) => row.date as string)),
  };
  return {
    settings: readStoredSettings(first.deadlineSettings),
    context: { calendar, cutoff: first.cutoffTime ?? DEFAULT_CUTOFF },
  };
}
