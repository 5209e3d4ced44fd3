// The admin's deadline settings at the edge (issue 9): one zod schema per body and answer, shared
// by the /admin/deadlines forms, the /api/admin/deadlines and /api/admin/calendar handlers and the
// OpenAPI document. Pure (no I/O): importable by client and server.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { maskPans } from "@/lib/card-data/mask-pan";
import { deadlineSettingsSchema, timeZoneSchema } from "@/lib/deadlines/settings";
import { CALENDAR_DAY_TYPES, type CalendarDayType } from "@/lib/deadlines/settings-form";

/** A zone as the runtime names it ("asia/shanghai" is stored as Asia/Shanghai). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
}

/** The settings as PUT replaces them: the time zone beside the rules. */
export const deadlineSettingsInputSchema = deadlineSettingsSchema
  .extend({ timeZone: timeZoneSchema.transform(canonicalZone) })
  .meta({ id: "DeadlineSettingsInput" });
export type DeadlineSettingsInput = z.output<typeof deadlineSettingsInputSchema>;

/** The settings as GET answers them (and PUT, as saved). */
export const deadlineSettingsResultSchema = deadlineSettingsSchema
  .extend({ timeZone: z.string().describe("IANA time zone of the shops' clock, e.g. Asia/Shanghai.") })
  .meta({ id: "DeadlineSettings" });
export type DeadlineSettingsDto = z.output<typeof deadlineSettingsResultSchema>;

export { CALENDAR_DAY_TYPES, type CalendarDayType };

/** Years the calendar takes: far enough either way for any deadline, near enough to be a typo's guard. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** A real local date (2026-02-30 is refused) within the calendar's years. */
export const calendarDateSchema = z.iso.date({ error: "A date as YYYY-MM-DD." }).refine(
  (value) => {
    const year = Number(value.slice(0, 4));
    return year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;
  },
  { error: "A date between 2000 and 2100.", params: { reason: "INVALID_DATE" } },
);

export const calendarDayInputSchema = z
  .strictObject({
    date: calendarDateSchema,
    type: z.enum(CALENDAR_DAY_TYPES),
    name: z
      .string({ error: "Name is required." })
      .trim()
      .min(1, "Name is required.")
      .max(80, "Name must be at most 80 characters.")
      .overwrite(maskPans),
  })
  .meta({ id: "CalendarDayInput" });
export type CalendarDayInput = z.output<typeof calendarDayInputSchema>;

export const calendarDaySchema = z
  .object({
    date: z.string().describe("The local date, YYYY-MM-DD, in the merchant's time zone."),
    type: z
      .enum(CALENDAR_DAY_TYPES)
      .describe("holiday: no working day although a weekday (法定节假日); workday: a working weekend day (调休)."),
    name: z.string(),
  })
  .meta({ id: "CalendarDay" });
export type CalendarDayDto = z.output<typeof calendarDaySchema>;

export const calendarDayListSchema = z.object({ items: z.array(calendarDaySchema) }).meta({ id: "CalendarDayList" });

export const calendarQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: "The year must be a number." })
    .int("The year must be a whole number.")
    .min(MIN_CALENDAR_YEAR)
    .max(MAX_CALENDAR_YEAR)
    .optional(),
});

/** A store's daily cut-off as the admin reads it beside the settings. */
export const storeCutoffSchema = z
  .object({ id: z.string(), name: z.string(), cutoffTime: z.string().describe("HH:MM, the shop's clock.") })
  .meta({ id: "StoreCutoff" });
export type StoreCutoffDto = z.output<typeof storeCutoffSchema>;
