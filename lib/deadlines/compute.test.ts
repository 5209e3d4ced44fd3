import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addLocalDays, type BusinessCalendar, instantAt, localDateOf } from "@/lib/deadlines/calendar";
import {
  type DeadlineContext,
  dueAtByRule,
  nextDueAt,
  planIncidentDeadlines,
  remindAtFor,
} from "@/lib/deadlines/compute";
import { type DeadlineRule, type DeadlineSettings, defaultDeadlineSettings } from "@/lib/deadlines/settings";
import { APPLICABLE_STEPS, INCIDENT_KINDS, type IncidentKind, STEP_KEYS } from "@/lib/incidents/rules";

const SHANGHAI = "Asia/Shanghai";
const HOUR = 3_600_000;
const shanghai: DeadlineContext = {
  calendar: { timeZone: SHANGHAI, holidays: new Set(), workdays: new Set() },
  cutoff: "23:00",
};

const iso = (planned: { subject: string; dueAt: Date; remindAt: Date | null }[]) =>
  planned.map(({ subject, dueAt, remindAt }) => ({
    subject,
    dueAt: dueAt.toISOString(),
    remindAt: remindAt?.toISOString() ?? null,
  }));

const ruleArb: fc.Arbitrary<DeadlineRule> = fc.oneof(
  fc.constant({ after: "cutoff" as const }),
  fc.integer({ min: 1, max: 2_160 }).map((count) => ({ after: "hours" as const, count })),
  fc.integer({ min: 1, max: 365 }).map((count) => ({ after: "days" as const, count })),
  fc.integer({ min: 1, max: 250 }).map((count) => ({ after: "business_days" as const, count })),
);
const zoneArb = fc.constantFrom(SHANGHAI, "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata");
const instantArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2032, 11, 31) }).map((ms) => new Date(ms));
const cutoffArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([hours, minutes]) => `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`);
const offsetsArb = (maxLength: number) => fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength });

/** A mishap, a zone, a store's cut-off and a calendar with holidays and make-up days after the mishap. */
const situationArb = fc
  .record({
    occurredAt: instantArb,
    timeZone: zoneArb,
    cutoff: cutoffArb,
    holidays: offsetsArb(60),
    workdays: offsetsArb(10),
  })
  .map(({ occurredAt, timeZone, cutoff, holidays, workdays }) => {
    const start = localDateOf(occurredAt, timeZone);
    const calendar: BusinessCalendar = {
      timeZone,
      holidays: new Set(holidays.map((days) => addLocalDays(start, days))),
      workdays: new Set(workdays.map((days) => addLocalDays(start, days))),
    };
    return { occurredAt, context: { calendar, cutoff } satisfies DeadlineContext };
  });

describe("dueAtByRule", () => {
  const tuesday2259 = instantAt("2026-12-01", "22:59", SHANGHAI);

  test("each kind of rule, for a mishap on Tuesday at 22:59 in Shanghai", () => {
    expect(dueAtByRule({ after: "cutoff" }, tuesday2259, shanghai).toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(dueAtByRule({ after: "hours", count: 2 }, tuesday2259, shanghai).toISOString()).toBe(
      "2026-12-01T16:59:00.000Z",
    );
    expect(dueAtByRule({ after: "days", count: 3 }, tuesday2259, shanghai).toISOString()).toBe(
      "2026-12-04T14:59:00.000Z",
    );
    // Wednesday to Tuesday: the end of Tuesday 8 December, local.
    expect(dueAtByRule({ after: "business_days", count: 5 }, tuesday2259, shanghai).toISOString()).toBe(
      "2026-12-08T16:00:00.000Z",
    );
  });

  test("the store's own cut-off and the merchant's zone are used", () => {
    const london: DeadlineContext = {
      calendar: { timeZone: "Europe/London", holidays: new Set(), workdays: new Set() },
      cutoff: "21:30",
    };
    const occurredAt = new Date("2026-07-01T19:00:00Z"); // 20:00 BST
    expect(dueAtByRule({ after: "cutoff" }, occurredAt, london).toISOString()).toBe("2026-07-01T20:30:00.000Z");
  });

  test("hours are elapsed hours, days are wall-clock days: they differ over a clock change", () => {
    const newYork: DeadlineContext = {
      calendar: { timeZone: "America/New_York", holidays: new Set(), workdays: new Set() },
      cutoff: "23:00",
    };
    const occurredAt = instantAt("2026-03-07", "12:00", "America/New_York");
    expect(dueAtByRule({ after: "hours", count: 24 }, occurredAt, newYork).getTime() - occurredAt.getTime()).toBe(
      24 * HOUR,
    );
    expect(dueAtByRule({ after: "days", count: 1 }, occurredAt, newYork).getTime() - occurredAt.getTime()).toBe(
      23 * HOUR,
    );
  });

  test("every rule's deadline is after the mishap", () => {
    fc.assert(
      fc.property(situationArb, ruleArb, ({ occurredAt, context }, rule) => {
        expect(dueAtByRule(rule, occurredAt, context).getTime()).toBeGreaterThan(occurredAt.getTime());
      }),
      { numRuns: 300 },
    );
  });

  test("adding holidays never makes a deadline earlier", () => {
    fc.assert(
      fc.property(situationArb, ruleArb, offsetsArb(30), ({ occurredAt, context }, rule, extra) => {
        const start = localDateOf(occurredAt, context.calendar.timeZone);
        const more: DeadlineContext = {
          ...context,
          calendar: {
            ...context.calendar,
            holidays: new Set([...context.calendar.holidays, ...extra.map((days) => addLocalDays(start, days))]),
          },
        };
        expect(dueAtByRule(rule, occurredAt, more).getTime()).toBeGreaterThanOrEqual(
          dueAtByRule(rule, occurredAt, context).getTime(),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("remindAtFor", () => {
  const dueAt = new Date("2026-12-05T16:00:00Z");

  test("reminds the configured hours before the deadline", () => {
    expect(remindAtFor(dueAt, 24, new Date("2026-12-01T00:00:00Z"))?.toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  test("no reminder when reminders are off", () => {
    expect(remindAtFor(dueAt, 0, new Date("2026-12-01T00:00:00Z"))).toBeNull();
  });

  test("no reminder when its time had already come when the deadline was given", () => {
    expect(remindAtFor(dueAt, 24, new Date("2026-12-04T16:00:00Z"))).toBeNull();
    expect(remindAtFor(dueAt, 24, new Date("2026-12-05T10:00:00Z"))).toBeNull();
    expect(remindAtFor(dueAt, 24, new Date("2026-12-04T15:59:59Z"))?.toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  test("a reminder is always after the deadline was given and before the deadline", () => {
    fc.assert(
      fc.property(instantArb, instantArb, fc.integer({ min: 0, max: 720 }), (dueAt, givenAt, hours) => {
        const remindAt = remindAtFor(dueAt, hours, givenAt);
        if (remindAt === null) {
          expect(hours === 0 || dueAt.getTime() - hours * HOUR <= givenAt.getTime()).toBe(true);
        } else {
          expect(remindAt.getTime()).toBeGreaterThan(givenAt.getTime());
          expect(dueAt.getTime() - remindAt.getTime()).toBe(hours * HOUR);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("planIncidentDeadlines with the default settings", () => {
  const settings = defaultDeadlineSettings();

  test("a wrong amount at 22:59: voided and re-verified by 23:00 that evening, too soon for a reminder", () => {
    const occurredAt = instantAt("2026-12-01", "22:59", SHANGHAI);
    const planned = planIncidentDeadlines({
      kind: "wrong_amount",
      occurredAt,
      settings,
      context: shanghai,
      now: occurredAt,
    });
    expect(iso(planned)).toEqual([
      { subject: "halt", dueAt: "2026-12-01T15:00:00.000Z", remindAt: null },
      { subject: "reverify", dueAt: "2026-12-01T15:00:00.000Z", remindAt: null },
      // The end of Wednesday 2 December; reminded 24 hours before.
      { subject: "notify", dueAt: "2026-12-02T16:00:00.000Z", remindAt: "2026-12-01T16:00:00.000Z" },
      { subject: "reconcile", dueAt: "2026-12-08T16:00:00.000Z", remindAt: "2026-12-07T16:00:00.000Z" },
      { subject: "close", dueAt: "2026-12-31T14:59:00.000Z", remindAt: "2026-12-30T14:59:00.000Z" },
    ]);
  });

  test("a wrong amount at 23:30 gets tomorrow's cut-off, and a reminder for it", () => {
    const occurredAt = instantAt("2026-12-01", "23:30", SHANGHAI);
    const [halt] = planIncidentDeadlines({
      kind: "wrong_card",
      occurredAt,
      settings,
      context: shanghai,
      now: occurredAt,
    });
    expect(halt?.subject).toBe("halt");
    expect(halt?.dueAt.toISOString()).toBe("2026-12-02T15:00:00.000Z");
    // 23½ hours ahead: the 24-hour reminder's time had already come.
    expect(halt?.remindAt).toBeNull();
  });

  test("a missing signature is to be re-signed within 3 days, at the same local time", () => {
    const occurredAt = instantAt("2026-11-27", "18:00", SHANGHAI); // Friday
    const planned = planIncidentDeadlines({
      kind: "unsigned_slip",
      occurredAt,
      settings,
      context: shanghai,
      now: occurredAt,
    });
    expect(planned.map((deadline) => deadline.subject)).toEqual([
      "halt",
      "reverify",
      "notify",
      "resign",
      "reconcile",
      "close",
    ]);
    expect(planned.find((deadline) => deadline.subject === "resign")?.dueAt.toISOString()).toBe(
      "2026-11-30T10:00:00.000Z",
    );
    // Friday 18:00 + 5 working days over the weekend: the end of Friday 4 December.
    expect(planned.find((deadline) => deadline.subject === "reconcile")?.dueAt.toISOString()).toBe(
      "2026-12-04T16:00:00.000Z",
    );
  });

  test("a declined PIN has deadlines only for halting, re-verifying and closing", () => {
    const occurredAt = instantAt("2026-12-01", "10:00", SHANGHAI);
    const planned = planIncidentDeadlines({
      kind: "pin_error",
      occurredAt,
      settings,
      context: shanghai,
      now: occurredAt,
    });
    expect(planned.map((deadline) => deadline.subject)).toEqual(["halt", "reverify", "close"]);
  });

  test("a debit with no credit is re-verified within a working day, not by the cut-off", () => {
    const occurredAt = instantAt("2026-12-04", "10:00", SHANGHAI); // Friday
    const planned = planIncidentDeadlines({
      kind: "debited_not_credited",
      occurredAt,
      settings,
      context: shanghai,
      now: occurredAt,
    });
    expect(planned.find((deadline) => deadline.subject === "reverify")?.dueAt.toISOString()).toBe(
      "2026-12-07T16:00:00.000Z",
    );
  });

  test("an incident logged late gets no reminder for deadlines already near or past", () => {
    const occurredAt = instantAt("2026-12-01", "10:00", SHANGHAI);
    const now = instantAt("2026-12-03", "09:00", SHANGHAI);
    const planned = planIncidentDeadlines({ kind: "wrong_amount", occurredAt, settings, context: shanghai, now });
    expect(planned.find((deadline) => deadline.subject === "halt")?.remindAt).toBeNull();
    expect(planned.find((deadline) => deadline.subject === "notify")?.remindAt).toBeNull();
    expect(planned.find((deadline) => deadline.subject === "close")?.remindAt).not.toBeNull();
  });

  test("a step whose rule the admin removed has no deadline; the close always has one", () => {
    const custom: DeadlineSettings = {
      ...settings,
      kinds: { ...settings.kinds, wrong_amount: { ...settings.kinds.wrong_amount, notify: null, reconcile: null } },
    };
    const occurredAt = instantAt("2026-12-01", "10:00", SHANGHAI);
    const planned = planIncidentDeadlines({
      kind: "wrong_amount",
      occurredAt,
      settings: custom,
      context: shanghai,
      now: occurredAt,
    });
    expect(planned.map((deadline) => deadline.subject)).toEqual(["halt", "reverify", "close"]);
  });
});

describe("planIncidentDeadlines, any settings", () => {
  const kindRulesArb = fc.record({
    halt: fc.option(ruleArb, { nil: null }),
    reverify: fc.option(ruleArb, { nil: null }),
    notify: fc.option(ruleArb, { nil: null }),
    resign: fc.option(ruleArb, { nil: null }),
    reconcile: fc.option(ruleArb, { nil: null }),
    close: ruleArb,
  });

  test("the applicable steps with a rule, in checklist order, then the close; all after the mishap", () => {
    fc.assert(
      fc.property(
        situationArb,
        fc.constantFrom(...INCIDENT_KINDS),
        kindRulesArb,
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 60 * 24 }),
        ({ occurredAt, context }, kind: IncidentKind, rules, reminderHours, loggedMinutesLater) => {
          const base = defaultDeadlineSettings();
          const settings: DeadlineSettings = { ...base, reminderHours, kinds: { ...base.kinds, [kind]: rules } };
          const now = new Date(occurredAt.getTime() + loggedMinutesLater * 60_000);
          const planned = planIncidentDeadlines({ kind, occurredAt, settings, context, now });
          const applicable: readonly string[] = APPLICABLE_STEPS[kind];
          const expected = STEP_KEYS.filter((key) => applicable.includes(key) && rules[key] !== null);
          expect(planned.map((deadline) => deadline.subject)).toEqual([...expected, "close"]);
          for (const deadline of planned) {
            expect(deadline.dueAt.getTime()).toBeGreaterThan(occurredAt.getTime());
            if (deadline.remindAt) {
              expect(deadline.remindAt.getTime()).toBeGreaterThan(now.getTime());
              expect(deadline.dueAt.getTime() - deadline.remindAt.getTime()).toBe(reminderHours * HOUR);
            } else {
              expect(reminderHours === 0 || deadline.dueAt.getTime() - reminderHours * HOUR <= now.getTime()).toBe(
                true,
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("nextDueAt", () => {
  const at = (iso: string) => new Date(iso);

  test("the soonest deadline whose work is outstanding", () => {
    expect(
      nextDueAt([
        { dueAt: at("2026-12-01T15:00:00Z"), doneAt: at("2026-12-01T14:00:00Z") },
        { dueAt: at("2026-12-08T16:00:00Z"), doneAt: null },
        { dueAt: at("2026-12-02T16:00:00Z"), doneAt: null },
      ])?.toISOString(),
    ).toBe("2026-12-02T16:00:00.000Z");
  });

  test("nothing is due when everything is done, or there are no deadlines", () => {
    expect(nextDueAt([])).toBeNull();
    expect(nextDueAt([{ dueAt: at("2026-12-01T15:00:00Z"), doneAt: at("2026-12-03T00:00:00Z") }])).toBeNull();
  });

  test("is the minimum of the outstanding deadlines", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ dueAt: instantArb, done: fc.boolean() }), { maxLength: 8 }), (rows) => {
        const deadlines = rows.map(({ dueAt, done }) => ({ dueAt, doneAt: done ? dueAt : null }));
        const outstanding = rows.filter((row) => !row.done).map((row) => row.dueAt.getTime());
        const next = nextDueAt(deadlines);
        if (outstanding.length === 0) expect(next).toBeNull();
        else expect(next?.getTime()).toBe(Math.min(...outstanding));
      }),
      { numRuns: 200 },
    );
  });
});
