// Is a terminal's software outdated? Pure: the day it was last updated, the merchant's threshold
// and today (all calendar days "YYYY-MM-DD" in the merchant's time zone) come in from outside.
// A terminal whose update day was never recorded is "unknown" — flagged too, because nobody can
// say it is current (the admin records the day to clear it).

export const SOFTWARE_STATUSES = ["current", "outdated", "unknown"] as const;
export type SoftwareStatus = (typeof SOFTWARE_STATUSES)[number];

export const DEFAULT_SOFTWARE_MAX_AGE_DAYS = 180;
export const MIN_SOFTWARE_MAX_AGE_DAYS = 1;
export const MAX_SOFTWARE_MAX_AGE_DAYS = 3650;

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * "outdated" when more than `maxAgeDays` whole days have passed since the update day (updated
 * exactly `maxAgeDays` ago is still current), "unknown" without an update day.
 */
export function softwareStatus({
  updatedOn,
  maxAgeDays,
  today,
}: {
  updatedOn: string | null;
  maxAgeDays: number;
  today: string;
}): SoftwareStatus {
  if (updatedOn === null) return "unknown";
  return daysBetween(updatedOn, today) > maxAgeDays ? "outdated" : "current";
}

/** Flagged on the admin list and the incident page: outdated, or no update day recorded. */
export function isFlagged(status: SoftwareStatus): boolean {
  return status !== "current";
}

/** A stored update day (midnight UTC of the calendar day) as "YYYY-MM-DD". */
export function dayOfStored(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Today's calendar day in a time zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(now);
}
