import fc from "fast-check";
import { expect, test } from "vitest";
import { addDays, dayNumber, dayOf, secondsApart, wallClockSeconds } from "./local-time";

test("addDays crosses months, years and leap days", () => {
  expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  expect(addDays("2026-11-20", 0)).toBe("2026-11-20");
});

test("wall-clock differences are exact seconds, across midnight too", () => {
  expect(wallClockSeconds("2026-11-20 10:10:00") - wallClockSeconds("2026-11-20 10:00:00")).toBe(600);
  expect(wallClockSeconds("2026-11-21 00:00:01") - wallClockSeconds("2026-11-20 23:59:59")).toBe(2);
  expect(dayOf("2026-11-20 23:59:59")).toBe("2026-11-20");
});

test("property: seconds agree with Date for any wall-clock time", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }),
      (date) => {
        const time = new Date(Math.floor(date.getTime() / 1000) * 1000);
        const text = time.toISOString().slice(0, 19).replace("T", " ");
        expect(wallClockSeconds(text)).toBe(time.getTime() / 1000);
        expect(addDays(dayOf(text), 1)).toBe(
          new Date(Date.parse(`${dayOf(text)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
        );
      },
    ),
  );
});

test("property: secondsApart is the difference of the seconds, within a day and across days", () => {
  const moment = fc.integer({ min: 0, max: 3 * 86_400 - 1 }).map((offset) => {
    const time = new Date(Date.UTC(2026, 10, 29) + offset * 1000);
    return time.toISOString().slice(0, 19).replace("T", " ");
  });
  fc.assert(
    fc.property(moment, moment, (a, b) => {
      expect(secondsApart(a, b)).toBe(Math.abs(wallClockSeconds(a) - wallClockSeconds(b)));
      expect(dayNumber(a)).toBe(Number(dayOf(a).replaceAll("-", "")));
    }),
  );
});
