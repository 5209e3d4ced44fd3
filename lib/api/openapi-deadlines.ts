// The OpenAPI paths of the admin's deadline settings (issue 9): the settings, the business
// calendar, and (in lib/api/openapi.ts, with the stores) a store's daily cut-off. Their schemas are
// components made from the zod schemas the handlers use (lib/deadlines/schemas.ts), listed in
// lib/api/openapi.ts.
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from "@/lib/deadlines/schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");
const body = (id: string) => ({ required: true, content: { "application/json": { schema: ref(id) } } });

const notSignedIn = error("Not signed in");
const adminOnly = error("Only an admin manages deadlines, the calendar and cut-off times");

export function deadlinePaths() {
  const tags = ["deadlines"];
  return {
    "/api/admin/deadlines": {
      get: {
        summary: "The deadline settings: time zone, reminder and escalation hours, and each kind's rules",
        description:
          "The defaults until the admin saves (a wrong amount or card voided before the store's batch cut-off, " +
          "a missing signature re-signed within 3 days, the reconcile step within 5 working days, every case " +
          "closed within 30 days; a reminder 24 hours before a deadline, the next level told every 24 hours).",
        tags,
        responses: { "200": json("The settings", "DeadlineSettings"), "401": notSignedIn, "403": adminOnly },
      },
      put: {
        summary: "Replace the deadline settings (audited as deadlines.changed)",
        description:
          "A step's rule is null (no deadline), `cutoff` (the store's next batch cut-off), or `hours`, `days` or " +
          "`business_days` with a `count`; the whole case's (`close`) cannot be null. Incidents already logged " +
          "keep the deadlines they were given. Saving what is already there records nothing.",
        tags,
        requestBody: body("DeadlineSettingsInput"),
        responses: {
          "200": json("The settings as saved", "DeadlineSettings"),
          "400": error(
            "A field is missing or invalid: an unknown time zone, a count out of range (the field says which)",
          ),
          "401": notSignedIn,
          "403": adminOnly,
        },
      },
    },
    "/api/admin/calendar": {
      get: {
        summary: "Holidays and make-up working days (调休) of the business calendar, in date order",
        tags,
        parameters: [
          {
            name: "year",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: MIN_CALENDAR_YEAR, maximum: MAX_CALENDAR_YEAR },
          },
        ],
        responses: {
          "200": json("The calendar's dates", "CalendarDayList"),
          "400": error("The year is not a year"),
          "401": notSignedIn,
          "403": adminOnly,
        },
      },
      post: {
        summary: "Add a holiday or a make-up working day (audited as calendar.day_added)",
        description:
          "Weekends are days off and weekdays working days unless the calendar says otherwise. One entry per date.",
        tags,
        requestBody: body("CalendarDayInput"),
        responses: {
          "201": json("The date as added", "CalendarDay"),
          "400": error("A field is missing or invalid (a date that does not exist, an unknown type)"),
          "401": notSignedIn,
          "403": adminOnly,
          "409": error("The date is already in the calendar: remove it first"),
        },
      },
    },
    "/api/admin/calendar/{date}": {
      delete: {
        summary: "Remove a date from the calendar (audited as calendar.day_removed)",
        tags,
        parameters: [{ name: "date", in: "path", required: true, schema: { type: "string", format: "date" } }],
        responses: {
          "204": { description: "Removed" },
          "400": error("Not a date (YYYY-MM-DD)"),
          "401": notSignedIn,
          "403": adminOnly,
          "404": error("The date is not in the calendar"),
        },
      },
    },
  };
}
