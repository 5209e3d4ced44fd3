// The "log incident" form as createIncidentSchema's input: one reader for the browser (checking
// before it sends) and the server action (the form posted with or without JavaScript). Pure.
import { maskPans } from "@/lib/card-data/mask-pan";

/** The form's slip fields, in the order the form shows them. */
export const INCIDENT_FORM_FIELDS = [
  "kind",
  "terminalId",
  "amount",
  "cardLast4",
  "rrn",
  "description",
  "occurredAt",
  "cardBin",
  "authCode",
  "traceNo",
  "batchNo",
  "currency",
] as const;
export type IncidentFormField = (typeof INCIDENT_FORM_FIELDS)[number];
export type IncidentFormValues = Partial<Record<IncidentFormField, string>>;

/** The hidden field carrying the form's Idempotency-Key, made by the server for each render. */
export const IDEMPOTENCY_KEY_FIELD = "idempotencyKey";

/**
 * The field the "log anyway" button sends (value "true") after the server named open incidents
 * that look like the same mishap: createIncidentSchema's `confirmDuplicate`.
 */
export const CONFIRM_DUPLICATE_FIELD = "confirmDuplicate";

/** Whether the form was sent with "log anyway". */
export function confirmsDuplicate(form: FormData): boolean {
  return form.get(CONFIRM_DUPLICATE_FIELD) === "true";
}

/** What a datetime-local input sends: a wall-clock time with no zone. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** What the fields hold as text; anything else a form sent (files, unknown keys) is dropped. */
export function incidentFormValues(form: FormData): IncidentFormValues {
  const values: IncidentFormValues = {};
  for (const field of INCIDENT_FORM_FIELDS) {
    const value = form.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

/**
 * The schema's input: filled fields only, trimmed (the description keeps its inner text as typed),
 * the currency in capitals, and a wall-clock time read in `timeZone` — a browser without
 * JavaScript sends the time as the cashier typed it, with no zone.
 */
export function incidentInputFromForm(values: IncidentFormValues, { timeZone }: { timeZone: string }) {
  const input: Record<string, string> = {};
  for (const field of INCIDENT_FORM_FIELDS) {
    const value = values[field];
    if (value === undefined || value.trim() === "") continue;
    if (field === "description") input[field] = value;
    else if (field === "currency") input[field] = value.trim().toUpperCase();
    else if (field === "occurredAt") input[field] = zonedTimeToIso(value.trim(), timeZone) ?? value.trim();
    else input[field] = value.trim();
  }
  return input;
}

/** What a rejected form shows again: what was typed, with any card number masked. */
export function valuesToShowAgain(values: IncidentFormValues): IncidentFormValues {
  const shown: IncidentFormValues = {};
  for (const field of INCIDENT_FORM_FIELDS) {
    const value = values[field];
    if (value !== undefined) shown[field] = maskPans(value).slice(0, 2000);
  }
  return shown;
}

/**
 * The instant a wall-clock time ("2026-01-05T09:30") names in an IANA time zone, as ISO 8601 in
 * UTC; null when the text is not such a time or names no real date.
 */
export function zonedTimeToIso(local: string, timeZone: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallClock);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  // The zone's offset at the guessed instant, then again at the corrected one (a DST change).
  const first = wallClock - zoneOffsetMs(wallClock, timeZone);
  const instant = wallClock - zoneOffsetMs(first, timeZone);
  return new Date(instant).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((item) => item.type === type)?.value);
  const wallClock = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}
