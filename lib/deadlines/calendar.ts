// The business calendar's arithmetic, in the merchant's time zone: local dates, working days
// (Monday to Friday, less the admin's holidays, plus make-up working days 调休), the stores' daily
// cut-off, and the deadline each kind of rule gives. Pure (no I/O); @date-fns/tz does the zone
// arithmetic, so a deadline is the same instant whatever zone the server runs in.
import { TZDate, tzOffset } from "@date-fns/tz";

/** A local date, YYYY-MM-DD. */
export type LocalDate = string;

export interface BusinessCalendar {
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Weekdays that are no working day (法定节假日). */
  holidays: ReadonlySet<LocalDate>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<LocalDate>;
}

const DAY_MS = 86_400_000;
/** Most days a working-day count may walk: a year of holidays cannot make it loop for ever. */
const MAX_WALK_DAYS = 3_660;

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local date of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const local = new TZDate(instant.getTime(), timeZone);
  return formatDate(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

/** The local wall time (HH:MM) of an instant in the zone. */
export function localTimeOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/**
 * The instant a local date and wall time name in the zone. A time skipped by a daylight-saving
 * change resolves forward by the gap; a time the change repeats names its first occurrence. China
 * has neither. (TZDate's constructor from fields goes through the server's own zone and picks a
 * repeated time's first or second occurrence depending on it, so the offsets are read directly.)
 */
export function instantAt(date: LocalDate, time: string, timeZone: string, seconds = 0): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const offsetAt = (instant: number) => tzOffset(timeZone, new Date(instant)) * 60_000;
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const showing = [wall - before, wall - after].filter((instant) => offsetAt(instant) === wall - instant);
  return new Date(showing.length > 0 ? Math.min(...showing) : wall - Math.min(before, after));
}

/** The local date `days` days after `date` (negative: before). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Day of week of a local date: 0 Sunday … 6 Saturday. */
export function weekdayOf(date: LocalDate): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWorkingDay(date: LocalDate, calendar: Pick<BusinessCalendar, "holidays" | "workdays">): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The batch's cut-off after a mishap: the first local `cutoff` (HH:MM) strictly after it. A
 * terminal settles its batch every day the store trades, weekends included, so this counts calendar
 * days: a sale keyed at 23:30 with a 23:00 cut-off is in tomorrow's batch.
 */
export function nextCutoff(occurredAt: Date, cutoff: string, timeZone: string): Date {
  const day = localDateOf(occurredAt, timeZone);
  const today = instantAt(day, cutoff, timeZone);
  return today.getTime() > occurredAt.getTime() ? today : instantAt(addLocalDays(day, 1), cutoff, timeZone);
}

/** `days` calendar days later at the same local wall time (a day is not always 24 hours). */
export function addCalendarDays(occurredAt: Date, days: number, timeZone: string): Date {
  const day = localDateOf(occurredAt, timeZone);
  const local = new TZDate(occurredAt.getTime(), timeZone);
  const time = `${pad(local.getHours())}:${pad(local.getMinutes())}`;
  const moved = instantAt(addLocalDays(day, days), time, timeZone, local.getSeconds());
  return new Date(moved.getTime() + local.getMilliseconds());
}

/**
 * The end of the `days`-th working day after the mishap's local date ("answered within 5 working
 * days"): the first instant of the local day after it. The mishap's own day does not count.
 */
export function endOfWorkingDays(occurredAt: Date, days: number, calendar: BusinessCalendar): Date {
  let date = localDateOf(occurredAt, calendar.timeZone);
  let counted = 0;
  for (let walked = 0; counted < days; walked++) {
    if (walked >= MAX_WALK_DAYS) throw new Error("The business calendar has no working day within ten years.");
    date = addLocalDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return instantAt(addLocalDays(date, 1), "00:00", calendar.timeZone);
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
