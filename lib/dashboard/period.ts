// The dashboard's period (issue 10): the local days asked for in the merchant's zone, the series'
// grain, each day's bucket, and each day's start and end as instants (what the incident queries
// compare occurredAt and closedAt with). Pure.
import { addLocalDays, instantAt, type LocalDate, weekdayOf } from "@/lib/deadlines/calendar";
import { DASHBOARD_DEFAULT_DAYS, DASHBOARD_MAX_DAYS, type SERIES_GRAINS } from "@/lib/schemas/dashboard";

export type Grain = (typeof SERIES_GRAINS)[number];

/** Days from `from` to `to`, both included. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Up to 62 days a bar a day, up to 26 weeks a bar a week, else a bar a month. */
export function grainFor(days: number): Grain {
  if (days <= 62) return "day";
  if (days <= 26 * 7) return "week";
  return "month";
}

export type PeriodProblem = { field: "from" | "to"; reason: "PERIOD_TOO_LONG" | "INVALID_DATE" };

/** The years a dashboard day may fall in: beyond them no instant is written the same by both databases. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9998;

/**
 * The period a query names: none given, the last 30 days with today; only `from`, from it to today
 * (or to itself when it is later); only `to`, the 30 days ending on it. A problem when it is longer
 * than the longest a dashboard covers or outside the years it counts.
 */
export function resolvePeriod(
  query: { from?: string; to?: string },
  today: LocalDate,
): { from: LocalDate; to: LocalDate; grain: Grain; days: LocalDate[] } | PeriodProblem {
  for (const field of ["from", "to"] as const) {
    const value = query[field];
    if (value === undefined) continue;
    const year = Number(value.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR) return { field, reason: "INVALID_DATE" };
  }
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addLocalDays(to, -(DASHBOARD_DEFAULT_DAYS - 1));
  const length = daysBetween(from, to);
  if (length > DASHBOARD_MAX_DAYS) return { field: query.from ? "from" : "to", reason: "PERIOD_TOO_LONG" };
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addLocalDays(day, 1)) days.push(day);
  return { from, to, grain: grainFor(length), days };
}

/** The first day of the bucket a day falls in: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketOf(day: LocalDate, grain: Grain): LocalDate {
  switch (grain) {
    case "day":
      return day;
    case "week":
      return addLocalDays(day, -((weekdayOf(day) + 6) % 7));
    case "month":
      return `${day.slice(0, 7)}-01`;
    default:
      return grain satisfies never;
  }
}

/** Every bucket of the period in order, each once. */
export function bucketsOf(days: readonly LocalDate[], grain: Grain): LocalDate[] {
  const buckets: LocalDate[] = [];
  for (const day of days) {
    const bucket = bucketOf(day, grain);
    if (buckets[buckets.length - 1] !== bucket) buckets.push(bucket);
  }
  return buckets;
}

export interface DayBounds {
  day: LocalDate;
  /** The local midnight starting the day, and the next one. */
  start: Date;
  end: Date;
}

/** Each day's start and end as instants in the zone (a daylight-saving day is 23 or 25 hours). */
export function dayBounds(days: readonly LocalDate[], timeZone: string): DayBounds[] {
  if (days.length === 0) return [];
  const starts = [...days, addLocalDays(days[days.length - 1], 1)].map((day) => instantAt(day, "00:00", timeZone));
  return days.map((day, i) => ({ day, start: starts[i], end: starts[i + 1] }));
}

/** The month a day falls in, YYYY-MM (what the summary's month rows are keyed by). */
export function monthOf(day: LocalDate): string {
  return day.slice(0, 7);
}

/** The last day of a month given as YYYY-MM. */
function lastDayOfMonth(month: string): LocalDate {
  return addLocalDays(`${monthOf(addLocalDays(`${month}-28`, 4))}-01`, -1);
}

/** Every month from the one `from` falls in to the one `to` falls in, in order. */
export function monthsBetween(from: LocalDate, to: LocalDate): string[] {
  const months: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = monthOf(addLocalDays(lastDayOfMonth(month), 1))) {
    months.push(month);
  }
  return months;
}

/**
 * A period cut into the whole months inside it and the days left at either end — a long period's
 * time-to-close rows are read a month a row (about 800 rows a month instead of 800 a day).
 * `months` is null when no whole month fits; `dayRanges` are the inclusive ranges of days outside them.
 */
export function splitWholeMonths(
  from: LocalDate,
  to: LocalDate,
): { months: { first: string; last: string } | null; dayRanges: { from: LocalDate; to: LocalDate }[] } {
  const firstWhole = from.endsWith("-01") ? monthOf(from) : monthOf(addLocalDays(lastDayOfMonth(monthOf(from)), 1));
  const lastWhole = to === lastDayOfMonth(monthOf(to)) ? monthOf(to) : monthOf(addLocalDays(`${monthOf(to)}-01`, -1));
  if (firstWhole > lastWhole) return { months: null, dayRanges: [{ from, to }] };
  const dayRanges: { from: LocalDate; to: LocalDate }[] = [];
  const wholeStart = `${firstWhole}-01`;
  const wholeEnd = lastDayOfMonth(lastWhole);
  if (from < wholeStart) dayRanges.push({ from, to: addLocalDays(wholeStart, -1) });
  if (to > wholeEnd) dayRanges.push({ from: addLocalDays(wholeEnd, 1), to });
  return { months: { first: firstWhole, last: lastWhole }, dayRanges };
}

/** Each month's start and end as instants in the zone, labelled YYYY-MM (the month rows' "day"). */
export function monthBounds(months: readonly string[], timeZone: string): DayBounds[] {
  return months.map((month) => ({
    day: month,
    start: instantAt(`${month}-01`, "00:00", timeZone),
    end: instantAt(addLocalDays(lastDayOfMonth(month), 1), "00:00", timeZone),
  }));
}

/**
 * Each bucket of the period with its bounds as instants, labelled by the bucket's first day; the
 * first bucket starts at the period's first day and the last ends after its last (a week or month
 * cut by the period counts only its days inside). A day's buckets are dayBounds.
 */
export function bucketBounds(days: readonly LocalDate[], grain: Grain, timeZone: string): DayBounds[] {
  if (days.length === 0) return [];
  const buckets = bucketsOf(days, grain);
  const starts = [days[0], ...buckets.slice(1), addLocalDays(days[days.length - 1], 1)].map((day) =>
    instantAt(day, "00:00", timeZone),
  );
  return buckets.map((day, i) => ({ day, start: starts[i], end: starts[i + 1] }));
}
