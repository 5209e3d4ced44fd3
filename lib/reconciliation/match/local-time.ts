// Wall-clock arithmetic for matching. The files' times have no zone and stay that way: treating
// them as UTC gives exact differences in seconds and exact calendar days without ever consulting a
// time zone (a DST jump cannot shift a difference because the merchant's zone is read as written).
import type { LocalDate, LocalDateTime } from "@/lib/reconciliation/types";

const DAY_MS = 86_400_000;

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index++) value = value * 10 + (text.charCodeAt(index) - 48);
  return value;
}

/** Seconds since 1970-01-01 00:00:00 of a "YYYY-MM-DD HH:MM:SS" wall-clock time. */
export function wallClockSeconds(time: LocalDateTime): number {
  const ms = Date.UTC(
    digits(time, 0, 4),
    digits(time, 5, 7) - 1,
    digits(time, 8, 10),
    digits(time, 11, 13),
    digits(time, 14, 16),
    digits(time, 17, 19),
  );
  return ms / 1000;
}

/** |a − b| in seconds; the time of day alone when both are on one day (the usual case, and cheap). */
export function secondsApart(a: LocalDateTime, b: LocalDateTime): number {
  for (let index = 0; index < 10; index++) {
    if (a.charCodeAt(index) !== b.charCodeAt(index)) return Math.abs(wallClockSeconds(a) - wallClockSeconds(b));
  }
  const timeOfDay = (time: LocalDateTime) =>
    digits(time, 11, 13) * 3600 + digits(time, 14, 16) * 60 + digits(time, 17, 19);
  return Math.abs(timeOfDay(a) - timeOfDay(b));
}

/** The day of a wall-clock time as the number yyyymmdd, without making a string. */
export function dayNumber(time: LocalDateTime): number {
  return digits(time, 0, 4) * 10_000 + digits(time, 5, 7) * 100 + digits(time, 8, 10);
}

/** The calendar day of a wall-clock time. */
export function dayOf(time: LocalDateTime): LocalDate {
  return time.slice(0, 10);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const ms = Date.UTC(digits(date, 0, 4), digits(date, 5, 7) - 1, digits(date, 8, 10)) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}
