import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addCalendarDays,
  addLocalDays,
  type BusinessCalendar,
  endOfWorkingDays,
  instantAt,
  isTimeZone,
  isWorkingDay,
  type LocalDate,
  localDateOf,
  localTimeOf,
  nextCutoff,
  weekdayOf,
} from "@/lib/deadlines/calendar";

// An independent reading of the zone rules, through Intl alone (never the process's own zone), so
// these tests say what a deadline should be whatever TZ the test runner has.
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallPartsOf(instant: number, zone: string) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    /** The wall clock read as if it were UTC, to the second. */
    wallMs: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

function offsetMs(instant: number, zone: string): number {
  return wallPartsOf(instant, zone).wallMs - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall time names: the earliest of those showing it (a time repeated when the clocks
 * go back), or, for a time skipped when they go forward, that time moved forward by the gap.
 */
function expectedInstantAt(date: LocalDate, time: string, zone: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hours, minutes);
  const offsets = new Set<number>();
  // The offsets in force within 16 hours either way: an instant showing `wall` has one of them.
  for (let step = -8; step <= 8; step++) offsets.add(offsetMs(wall + step * 7_200_000, zone));
  const showing = [...offsets].map((offset) => wall - offset).filter((at) => wallPartsOf(at, zone).wallMs === wall);
  if (showing.length > 0) return Math.min(...showing);
  return wall - Math.min(...offsets);
}

/** The instants in `year` when the zone's offset changes, to the minute. */
const transitionCache = new Map<string, number[]>();
function transitionsIn(zone: string, year: number): number[] {
  const key = `${zone}:${year}`;
  const cached = transitionCache.get(key);
  if (cached) return cached;
  const found: number[] = [];
  for (let month = 0; month < 12; month++) {
    let low = Date.UTC(year, month, 1);
    let high = Date.UTC(year, month + 1, 1);
    if (offsetMs(low, zone) === offsetMs(high, zone)) continue;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMs(middle, zone) === offsetMs(low, zone)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  transitionCache.set(key, found);
  return found;
}

const DST_ZONES = [
  "America/New_York",
  "Europe/London",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe", // a half-hour shift
  "America/Santiago", // the clocks change at midnight
  "America/St_Johns",
  "Pacific/Chatham",
] as const;
const ZONES = [
  ...DST_ZONES,
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "UTC",
] as const;
/** Zones whose clocks never change at midnight: the local day starts at 00:00 there. */
const MIDNIGHT_ZONES = ZONES.filter((zone) => zone !== "America/Santiago");

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2032, 11, 31);
const instantArb = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const cutoffArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([hours, minutes]) => `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`);

/** A wall time within three hours of one of a DST zone's clock changes (skipped and repeated times included). */
const wallNearChangeArb = fc
  .record({
    zone: fc.constantFrom(...DST_ZONES),
    year: fc.integer({ min: 2024, max: 2032 }),
    which: fc.nat(),
    minutes: fc.integer({ min: -180, max: 180 }),
  })
  .map(({ zone, year, which, minutes }) => {
    const changes = transitionsIn(zone, year);
    const change = changes[which % changes.length] as number;
    const wall = new Date(Math.floor(wallPartsOf(change, zone).wallMs / 60_000) * 60_000 + minutes * 60_000);
    return {
      zone,
      date: wall.toISOString().slice(0, 10),
      time: wall.toISOString().slice(11, 16),
    };
  });

const SHANGHAI = "Asia/Shanghai";
const plainCalendar = (timeZone: string): BusinessCalendar => ({ timeZone, holidays: new Set(), workdays: new Set() });

/** Mon–Fri, less holidays, plus make-up working days: written out again, independently. */
function isWorkdayIn(date: LocalDate, calendar: BusinessCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** A calendar in a zone with holidays and make-up days scattered over the two months after `anchor`. */
function calendarArb(anchor: LocalDate, timeZone: string) {
  return fc
    .record({
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 25 }),
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
    })
    .map(
      ({ holidays, workdays }): BusinessCalendar => ({
        timeZone,
        holidays: new Set(holidays.map((days) => addLocalDays(anchor, days))),
        workdays: new Set(workdays.map((days) => addLocalDays(anchor, days))),
      }),
    );
}

const mishapInZoneArb = fc
  .record({ occurredAt: instantArb, zone: fc.constantFrom(...ZONES) })
  .chain(({ occurredAt, zone }) =>
    fc.record({
      occurredAt: fc.constant(occurredAt),
      calendar: calendarArb(localDateOf(occurredAt, zone), zone),
      days: fc.integer({ min: 1, max: 20 }),
    }),
  );

describe("local dates and wall times", () => {
  test("a mishap at 00:30 in Shanghai is on that local day though UTC still has the day before", () => {
    const occurredAt = new Date("2026-11-30T16:30:00Z");
    expect(localDateOf(occurredAt, SHANGHAI)).toBe("2026-12-01");
    expect(localTimeOf(occurredAt, SHANGHAI)).toBe("00:30");
    expect(localDateOf(occurredAt, "UTC")).toBe("2026-11-30");
  });

  test("a local date and time in Shanghai name the instant eight hours earlier in UTC", () => {
    expect(instantAt("2026-12-01", "00:30", SHANGHAI).toISOString()).toBe("2026-11-30T16:30:00.000Z");
    expect(instantAt("2026-12-01", "23:00", SHANGHAI, 15).toISOString()).toBe("2026-12-01T15:00:15.000Z");
  });

  test("a wall time skipped when the clocks go forward resolves forward by the gap", () => {
    // New York, 8 March 2026: 02:00 EST became 03:00 EDT.
    expect(instantAt("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    // London, 29 March 2026: 01:00 GMT became 02:00 BST.
    expect(instantAt("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  test("a wall time repeated when the clocks go back names its first occurrence, in every zone", () => {
    // New York, 1 November 2026: 01:30 EDT, then 01:30 EST an hour later.
    expect(instantAt("2026-11-01", "01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // London, 25 October 2026: 01:30 BST, then 01:30 GMT.
    expect(instantAt("2026-10-25", "01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // Berlin, 25 October 2026: 02:30 CEST, then 02:30 CET.
    expect(instantAt("2026-10-25", "02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("local dates step over month, year and leap days; weekdays are those of the calendar", () => {
    expect(addLocalDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addLocalDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addLocalDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayOf("2026-11-30")).toBe(1);
    expect(weekdayOf("2026-12-05")).toBe(6);
    expect(weekdayOf("2026-12-06")).toBe(0);
  });

  test("a time zone is an IANA name this runtime knows", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(`Europe/${"x".repeat(70)}`)).toBe(false);
  });

  // The process's TZ is left as the runner has it: the merchant's zone is what varies, and the
  // expected values come from Intl alone, so a dependence on the server's zone shows as a mismatch.
  test("the local date and time of any instant are the zone's, whatever the server's zone", () => {
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...ZONES), (instant, zone) => {
        const wall = wallPartsOf(instant.getTime(), zone);
        expect(localDateOf(instant, zone)).toBe(wall.date);
        expect(localTimeOf(instant, zone)).toBe(wall.time);
      }),
      { numRuns: 300 },
    );
  });

  test("a wall time near a clock change names the same instant whatever the server's zone", () => {
    fc.assert(
      fc.property(wallNearChangeArb, ({ zone, date, time }) => {
        expect(instantAt(date, time, zone).getTime()).toBe(expectedInstantAt(date, time, zone));
      }),
      { numRuns: 200 },
    );
  });

  test("an instant's own local date and time lead back to it (to the minute) unless the time is repeated", () => {
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...ZONES), (instant, zone) => {
        const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
        const back = instantAt(localDateOf(instant, zone), localTimeOf(instant, zone), zone).getTime();
        const repeated = offsetMs(minute - 3_600_000, zone) > offsetMs(minute, zone);
        if (repeated) expect(back).toBeLessThanOrEqual(minute);
        else expect(back).toBe(minute);
      }),
      { numRuns: 300 },
    );
  });
});

describe("working days", () => {
  const calendar: BusinessCalendar = {
    timeZone: SHANGHAI,
    holidays: new Set(["2025-10-01", "2025-10-06"]),
    workdays: new Set(["2025-09-28", "2025-10-11"]),
  };

  test("Monday to Friday work, the weekend does not", () => {
    expect(isWorkingDay("2026-11-30", calendar)).toBe(true);
    expect(isWorkingDay("2026-12-04", calendar)).toBe(true);
    expect(isWorkingDay("2026-12-05", calendar)).toBe(false);
    expect(isWorkingDay("2026-12-06", calendar)).toBe(false);
  });

  test("a holiday is no working day and a make-up weekend day (调休) is one", () => {
    expect(isWorkingDay("2025-10-01", calendar)).toBe(false);
    expect(isWorkingDay("2025-10-06", calendar)).toBe(false);
    expect(isWorkingDay("2025-09-28", calendar)).toBe(true);
    expect(isWorkingDay("2025-10-11", calendar)).toBe(true);
  });
});

describe("nextCutoff: the batch's cut-off after a mishap", () => {
  test("a wrong amount at 22:59 must be voided by 23:00 the same evening", () => {
    const occurredAt = instantAt("2026-12-01", "22:59", SHANGHAI);
    expect(nextCutoff(occurredAt, "23:00", SHANGHAI).toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });

  test("a wrong amount at 23:30 is in the next day's batch: 23:00 tomorrow", () => {
    const occurredAt = instantAt("2026-12-01", "23:30", SHANGHAI);
    expect(nextCutoff(occurredAt, "23:00", SHANGHAI).toISOString()).toBe("2026-12-02T15:00:00.000Z");
  });

  test("a mishap exactly at the cut-off belongs to the next batch", () => {
    const occurredAt = instantAt("2026-12-01", "23:00", SHANGHAI);
    expect(nextCutoff(occurredAt, "23:00", SHANGHAI).toISOString()).toBe("2026-12-02T15:00:00.000Z");
  });

  test("a mishap at 00:30 local (still yesterday in UTC) has tonight's cut-off, not UTC yesterday's", () => {
    const occurredAt = new Date("2026-11-30T16:30:00Z");
    expect(nextCutoff(occurredAt, "23:00", SHANGHAI).toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });

  test("the batch settles at weekends too: Saturday 23:30 is due Sunday 23:00", () => {
    const occurredAt = instantAt("2026-12-05", "23:30", SHANGHAI);
    expect(nextCutoff(occurredAt, "23:00", SHANGHAI).toISOString()).toBe("2026-12-06T15:00:00.000Z");
  });

  test("across New York's spring change the next cut-off is 22½ hours on, at 23:00 EDT", () => {
    const occurredAt = instantAt("2026-03-07", "23:30", "America/New_York");
    const cutoff = nextCutoff(occurredAt, "23:00", "America/New_York");
    expect(cutoff.toISOString()).toBe("2026-03-09T03:00:00.000Z");
    expect(cutoff.getTime() - occurredAt.getTime()).toBe(22.5 * 3_600_000);
  });

  test("across New York's autumn change the next cut-off is 24½ hours on, at 23:00 EST", () => {
    const occurredAt = instantAt("2026-10-31", "23:30", "America/New_York");
    const cutoff = nextCutoff(occurredAt, "23:00", "America/New_York");
    expect(cutoff.toISOString()).toBe("2026-11-02T04:00:00.000Z");
    expect(cutoff.getTime() - occurredAt.getTime()).toBe(24.5 * 3_600_000);
  });

  test("a cut-off inside London's skipped hour falls at the end of the gap", () => {
    const occurredAt = new Date("2026-03-29T00:45:00Z"); // 00:45 GMT
    expect(nextCutoff(occurredAt, "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  test("a cut-off in London's repeated hour is its first occurrence, whatever the server's zone", () => {
    const occurredAt = new Date("2026-10-24T23:50:00Z"); // 00:50 BST on the day the clocks go back
    expect(nextCutoff(occurredAt, "01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("the cut-off is strictly after the mishap, within a day and a clock change, at the cut-off's wall time", () => {
    fc.assert(
      fc.property(instantArb, cutoffArb, fc.constantFrom(...ZONES), (occurredAt, cutoff, zone) => {
        const due = nextCutoff(occurredAt, cutoff, zone);
        const gap = due.getTime() - occurredAt.getTime();
        expect(gap).toBeGreaterThan(0);
        expect(gap).toBeLessThanOrEqual(25 * 3_600_000);
        const day = localDateOf(occurredAt, zone);
        expect([day, addLocalDays(day, 1)]).toContain(localDateOf(due, zone));
        expect(due.getTime()).toBe(expectedInstantAt(localDateOf(due, zone), cutoff, zone));
        // No earlier cut-off lies between the mishap and this one.
        const dayBefore = expectedInstantAt(addLocalDays(localDateOf(due, zone), -1), cutoff, zone);
        expect(dayBefore).toBeLessThanOrEqual(occurredAt.getTime());
      }),
      { numRuns: 200 },
    );
  });
});

describe("addCalendarDays: the same wall time some days later", () => {
  test("3 days after Friday 18:00 in Shanghai is Monday 18:00, across the month's end", () => {
    const occurredAt = instantAt("2026-11-27", "18:00", SHANGHAI);
    expect(addCalendarDays(occurredAt, 3, SHANGHAI).toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(addCalendarDays(occurredAt, 30, SHANGHAI).toISOString()).toBe("2026-12-27T10:00:00.000Z");
  });

  test("a day over New York's spring change is 23 hours; over London's autumn one, 25", () => {
    const newYork = instantAt("2026-03-07", "12:00", "America/New_York");
    expect(addCalendarDays(newYork, 1, "America/New_York").getTime() - newYork.getTime()).toBe(23 * 3_600_000);
    const london = instantAt("2026-10-24", "12:00", "Europe/London");
    expect(addCalendarDays(london, 1, "Europe/London").getTime() - london.getTime()).toBe(25 * 3_600_000);
  });

  test("seconds and milliseconds are kept", () => {
    const occurredAt = new Date("2026-12-01T03:04:05.678Z");
    expect(addCalendarDays(occurredAt, 3, SHANGHAI).toISOString()).toBe("2026-12-04T03:04:05.678Z");
  });

  test("the result is the wall time `days` local days on, later than the mishap", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 365 }), fc.constantFrom(...ZONES), (occurredAt, days, zone) => {
        const due = addCalendarDays(occurredAt, days, zone);
        expect(due.getTime()).toBeGreaterThan(occurredAt.getTime());
        const targetDate = addLocalDays(localDateOf(occurredAt, zone), days);
        const sameSecond = occurredAt.getTime() % 60_000;
        expect(due.getTime() - sameSecond).toBe(expectedInstantAt(targetDate, localTimeOf(occurredAt, zone), zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe("endOfWorkingDays: the end of the N-th working day after the mishap's day", () => {
  test("Friday 18:00 plus 5 working days, over a weekend: the end of next Friday", () => {
    const occurredAt = instantAt("2026-11-27", "18:00", SHANGHAI);
    expect(endOfWorkingDays(occurredAt, 5, plainCalendar(SHANGHAI)).toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  test("a mishap at 00:30 Monday local (Sunday in UTC) counts from Monday", () => {
    const occurredAt = new Date("2026-12-06T16:30:00Z"); // Mon 7 Dec 00:30 in Shanghai
    expect(endOfWorkingDays(occurredAt, 1, plainCalendar(SHANGHAI)).toISOString()).toBe("2026-12-08T16:00:00.000Z");
  });

  // 国庆/中秋 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked (调休).
  const nationalDay2025: BusinessCalendar = {
    timeZone: SHANGHAI,
    holidays: new Set(["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"]),
    workdays: new Set(["2025-09-28", "2025-10-11"]),
  };

  test("5 working days from the eve of 国庆 skip the holiday week and count the make-up Saturday", () => {
    const occurredAt = instantAt("2025-09-30", "10:00", SHANGHAI);
    // 9 Oct, 10 Oct, Sat 11 Oct (调休), 13 Oct, 14 Oct: due when 14 October ends.
    expect(endOfWorkingDays(occurredAt, 5, nationalDay2025).toISOString()).toBe("2025-10-14T16:00:00.000Z");
    const withoutMakeUp = { ...nationalDay2025, workdays: new Set<string>() };
    expect(endOfWorkingDays(occurredAt, 5, withoutMakeUp).toISOString()).toBe("2025-10-15T16:00:00.000Z");
  });

  test("a Friday evening mishap before 国庆 is due at the end of the make-up Sunday", () => {
    const occurredAt = instantAt("2025-09-26", "18:00", SHANGHAI);
    expect(endOfWorkingDays(occurredAt, 1, nationalDay2025).toISOString()).toBe("2025-09-28T16:00:00.000Z");
  });

  test("in New York the end of a working day that precedes the spring change is still local midnight", () => {
    const occurredAt = instantAt("2026-03-05", "15:00", "America/New_York"); // Thursday
    // Friday 6 March is the working day; it ends at 00:00 EST on Saturday 7 March.
    const due = endOfWorkingDays(occurredAt, 1, plainCalendar("America/New_York"));
    expect(due.toISOString()).toBe("2026-03-07T05:00:00.000Z");
    // Over the weekend of the change: Monday 9 March ends at 00:00 EDT on Tuesday.
    const friday = instantAt("2026-03-06", "15:00", "America/New_York");
    expect(endOfWorkingDays(friday, 1, plainCalendar("America/New_York")).toISOString()).toBe(
      "2026-03-10T04:00:00.000Z",
    );
  });

  test("a calendar with no working day for ten years is refused, not looped over for ever", () => {
    const holidays = new Set<string>();
    for (let days = 0; days < 3_700; days++) holidays.add(addLocalDays("2026-12-01", days));
    const occurredAt = instantAt("2026-12-01", "10:00", SHANGHAI);
    expect(() => endOfWorkingDays(occurredAt, 1, { timeZone: SHANGHAI, holidays, workdays: new Set() })).toThrow();
  });

  test("the deadline is the first instant of the day after a working day, exactly N working days on", () => {
    fc.assert(
      fc.property(mishapInZoneArb, ({ occurredAt, calendar, days }) => {
        const due = endOfWorkingDays(occurredAt, days, calendar);
        expect(due.getTime()).toBeGreaterThan(occurredAt.getTime());
        const zone = calendar.timeZone;
        const lastDay = localDateOf(new Date(due.getTime() - 1), zone);
        expect(localDateOf(due, zone)).toBe(addLocalDays(lastDay, 1));
        expect(isWorkdayIn(lastDay, calendar)).toBe(true);
        let counted = 0;
        for (let date = localDateOf(occurredAt, zone); date < lastDay; ) {
          date = addLocalDays(date, 1);
          if (isWorkdayIn(date, calendar)) counted++;
        }
        expect(counted).toBe(days);
      }),
      { numRuns: 200 },
    );
  });

  test("where the clocks never change at midnight, the deadline is local 00:00", () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.constantFrom(...MIDNIGHT_ZONES),
        fc.integer({ min: 1, max: 30 }),
        (occurredAt, zone, days) => {
          expect(localTimeOf(endOfWorkingDays(occurredAt, days, plainCalendar(zone)), zone)).toBe("00:00");
        },
      ),
      { numRuns: 200 },
    );
  });

  test("more holidays never make a deadline earlier; more make-up days never make it later", () => {
    fc.assert(
      fc.property(
        mishapInZoneArb,
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 10 }),
        ({ occurredAt, calendar, days }, extra) => {
          const start = localDateOf(occurredAt, calendar.timeZone);
          const extraDates = extra.map((offset) => addLocalDays(start, offset));
          const due = endOfWorkingDays(occurredAt, days, calendar).getTime();
          const moreHolidays = { ...calendar, holidays: new Set([...calendar.holidays, ...extraDates]) };
          expect(endOfWorkingDays(occurredAt, days, moreHolidays).getTime()).toBeGreaterThanOrEqual(due);
          const moreWorkdays = { ...calendar, workdays: new Set([...calendar.workdays, ...extraDates]) };
          expect(endOfWorkingDays(occurredAt, days, moreWorkdays).getTime()).toBeLessThanOrEqual(due);
        },
      ),
      { numRuns: 200 },
    );
  });
});
