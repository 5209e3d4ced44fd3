import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  cutoffTimeSchema,
  DEFAULT_CUTOFF,
  DEFAULT_TIME_ZONE,
  type DeadlineSettings,
  deadlineRuleSchema,
  deadlineSettingsSchema,
  defaultDeadlineSettings,
  defaultKindRules,
  readStoredSettings,
  timeZoneSchema,
} from "@/lib/deadlines/settings";
import { INCIDENT_KINDS, STEP_KEYS } from "@/lib/incidents/rules";

describe("the defaults every merchant starts with (issue 9)", () => {
  const defaults = defaultDeadlineSettings();

  test("parse with their own schema, unchanged", () => {
    expect(deadlineSettingsSchema.parse(defaults)).toEqual(defaults);
    expect(timeZoneSchema.parse(DEFAULT_TIME_ZONE)).toBe("Asia/Shanghai");
    expect(cutoffTimeSchema.parse(DEFAULT_CUTOFF)).toBe("23:00");
  });

  test("a wrong amount or card is halted and voided before the batch's cut-off", () => {
    for (const kind of ["wrong_amount", "wrong_card"] as const) {
      expect(defaults.kinds[kind].halt).toEqual({ after: "cutoff" });
      expect(defaults.kinds[kind].reverify).toEqual({ after: "cutoff" });
    }
  });

  test("a missing signature is re-signed within 3 days", () => {
    expect(defaults.kinds.unsigned_slip.resign).toEqual({ after: "days", count: 3 });
  });

  test("the bank's answer (reconcile) takes 5 working days and every case closes within 30 days", () => {
    for (const kind of INCIDENT_KINDS) {
      expect(defaults.kinds[kind].reconcile).toEqual({ after: "business_days", count: 5 });
      expect(defaults.kinds[kind].close).toEqual({ after: "days", count: 30 });
    }
  });

  test("a debit with no credit has nothing to void: re-verified within a working day", () => {
    expect(defaultKindRules("debited_not_credited").reverify).toEqual({ after: "business_days", count: 1 });
  });

  test("reminders a day before, and the next level told a day after each missed level", () => {
    expect(defaults.reminderHours).toBe(24);
    expect(defaults.escalateEveryHours).toBe(24);
  });

  test("each call gives its own copy: changing one does not change the next", () => {
    const changed = defaultDeadlineSettings();
    changed.kinds.wrong_amount.close = { after: "days", count: 2 };
    changed.reminderHours = 1;
    expect(defaultDeadlineSettings()).toEqual(defaults);
  });
});

describe("deadlineRuleSchema", () => {
  test("accepts each kind of rule within its bounds", () => {
    for (const rule of [
      { after: "cutoff" },
      { after: "hours", count: 1 },
      { after: "hours", count: 2_160 },
      { after: "days", count: 365 },
      { after: "business_days", count: 250 },
    ]) {
      expect(deadlineRuleSchema.safeParse(rule).success).toBe(true);
    }
  });

  test("refuses counts out of bounds or not whole, unknown rules and extra keys", () => {
    for (const rule of [
      { after: "hours", count: 0 },
      { after: "hours", count: 2_161 },
      { after: "days", count: 366 },
      { after: "days", count: 1.5 },
      { after: "business_days", count: 251 },
      { after: "business_days" },
      { after: "business_days", count: "5" },
      { after: "weeks", count: 1 },
      { after: "cutoff", count: 1 },
      { after: "cutoff", time: "23:00" },
      null,
      "cutoff",
    ]) {
      expect(deadlineRuleSchema.safeParse(rule).success).toBe(false);
    }
  });
});

describe("deadlineSettingsSchema refuses garbage", () => {
  test("anything that is not a settings object", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(deadlineSettingsSchema.safeParse(value).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  // One thing broken in otherwise valid settings.
  const breakages: { name: string; apply: (settings: Record<string, unknown>) => void }[] = [
    { name: "negative reminder hours", apply: (s) => Object.assign(s, { reminderHours: -1 }) },
    { name: "a month of reminder hours and more", apply: (s) => Object.assign(s, { reminderHours: 721 }) },
    { name: "fractional reminder hours", apply: (s) => Object.assign(s, { reminderHours: 1.5 }) },
    { name: "escalating every 0 hours", apply: (s) => Object.assign(s, { escalateEveryHours: 0 }) },
    { name: "an unknown key", apply: (s) => Object.assign(s, { timeZone: "Asia/Shanghai" }) },
    { name: "a missing kind", apply: (s) => delete (s.kinds as Record<string, unknown>).pin_error },
    {
      name: "an unknown kind",
      apply: (s) => Object.assign(s.kinds as object, { lost_receipt: defaultKindRules("pin_error") }),
    },
    {
      name: "a kind without its close",
      apply: (s) => delete (s.kinds as Record<string, Record<string, unknown>>).wrong_amount?.close,
    },
    {
      name: "a null close",
      apply: (s) => Object.assign((s.kinds as Record<string, object>).wrong_amount as object, { close: null }),
    },
    {
      name: "a step with a bad rule",
      apply: (s) =>
        Object.assign((s.kinds as Record<string, object>).unsigned_slip as object, {
          resign: { after: "days", count: 0 },
        }),
    },
    {
      name: "an unknown step",
      apply: (s) => Object.assign((s.kinds as Record<string, object>).wrong_card as object, { refund: null }),
    },
  ];

  test.each(breakages.map((breakage) => [breakage.name, breakage] as const))("%s", (_name, breakage) => {
    const settings = structuredClone(defaultDeadlineSettings()) as unknown as Record<string, unknown>;
    breakage.apply(settings);
    expect(deadlineSettingsSchema.safeParse(settings).success).toBe(false);
  });

  test("a step may have no deadline (null) but must be present", () => {
    const settings = structuredClone(defaultDeadlineSettings());
    settings.kinds.wrong_amount.notify = null;
    expect(deadlineSettingsSchema.safeParse(settings).success).toBe(true);
    const missing = structuredClone(defaultDeadlineSettings()) as unknown as {
      kinds: Record<string, Record<string, unknown>>;
    };
    delete missing.kinds.wrong_amount?.notify;
    expect(deadlineSettingsSchema.safeParse(missing).success).toBe(false);
  });
});

describe("timeZoneSchema and cutoffTimeSchema", () => {
  test("a known IANA zone is accepted; anything else is refused", () => {
    for (const zone of ["Asia/Shanghai", "America/New_York", "Europe/London", "UTC"]) {
      expect(timeZoneSchema.safeParse(zone).success).toBe(true);
    }
    for (const zone of ["", "Asia/Beijing", "Mars/Olympus_Mons", "Asia/Shanghai; DROP TABLE", 8, null]) {
      expect(timeZoneSchema.safeParse(zone).success).toBe(false);
    }
  });

  test("every HH:MM from 00:00 to 23:59 is a cut-off", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hours, minutes) => {
        const time = `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
        expect(cutoffTimeSchema.safeParse(time).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test("a cut-off that is not HH:MM within the day is refused", () => {
    for (const time of ["24:00", "23:60", "7:00", "07:0", "23:00:00", " 23:00", "23h00", "", "2300"]) {
      expect(cutoffTimeSchema.safeParse(time).success).toBe(false);
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        const valid = /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
        expect(cutoffTimeSchema.safeParse(text).success).toBe(valid);
      }),
      { numRuns: 200 },
    );
  });
});

describe("readStoredSettings", () => {
  const defaults = defaultDeadlineSettings();

  test("no stored text means the defaults", () => {
    expect(readStoredSettings(null)).toEqual(defaults);
    expect(readStoredSettings(undefined)).toEqual(defaults);
    expect(readStoredSettings("")).toEqual(defaults);
  });

  test("stored settings are read back as stored", () => {
    const custom: DeadlineSettings = structuredClone(defaults);
    custom.reminderHours = 4;
    custom.kinds.wrong_amount.close = { after: "business_days", count: 10 };
    custom.kinds.wrong_amount.reconcile = null;
    expect(readStoredSettings(JSON.stringify(custom))).toEqual(custom);
  });

  test("text that is not JSON, or JSON that is not valid settings, falls back to the defaults", () => {
    for (const text of ["{", "not json", "null", "[]", "42", '"settings"', '{"reminderHours":24}']) {
      expect(readStoredSettings(text)).toEqual(defaults);
    }
    const tooMany = { ...defaults, reminderHours: 10_000 };
    expect(readStoredSettings(JSON.stringify(tooMany))).toEqual(defaults);
  });

  test("whatever the text, the result is valid settings: the defaults unless the text held valid ones", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        (text) => {
          const settings = readStoredSettings(text);
          expect(deadlineSettingsSchema.safeParse(settings).success).toBe(true);
          expect(settings).toEqual(defaults);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the stored steps are those of the checklist", () => {
    for (const kind of INCIDENT_KINDS) {
      expect(Object.keys(readStoredSettings(null).kinds[kind]).sort()).toEqual([...STEP_KEYS, "close"].sort());
    }
  });
});
