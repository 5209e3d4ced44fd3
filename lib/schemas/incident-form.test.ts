import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createIncidentSchema } from "@/lib/schemas/incident";
import {
  confirmsDuplicate,
  INCIDENT_FORM_FIELDS,
  incidentFormValues,
  incidentInputFromForm,
  valuesToShowAgain,
  zonedTimeToIso,
} from "@/lib/schemas/incident-form";

const SHANGHAI = { timeZone: "Asia/Shanghai" };

/** The wall-clock time an instant shows in a zone, as a datetime-local input writes it. */
function wallClock(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
  return text.replace(" ", "T");
}

function form(entries: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

describe("reading the posted form", () => {
  test('"log anyway" is the confirmDuplicate field sent as "true", and nothing else', () => {
    expect(confirmsDuplicate(form({ kind: "wrong_amount", confirmDuplicate: "true" }))).toBe(true);
    for (const value of ["", "false", "on", "TRUE", "1"]) {
      expect(confirmsDuplicate(form({ confirmDuplicate: value })), value).toBe(false);
    }
    expect(confirmsDuplicate(form({ kind: "wrong_amount" }))).toBe(false);
    expect(confirmsDuplicate(form({ confirmDuplicate: new Blob(["true"]) }))).toBe(false);
  });

  test("keeps only the slip fields sent as text: no action ids, no key, no file", () => {
    const values = incidentFormValues(
      form({
        kind: "wrong_amount",
        terminalId: "T1000001",
        $ACTION_ID_abc: "",
        idempotencyKey: "key-1",
        cvv: "123",
        rrn: new Blob(["123456789012"]),
      }),
    );
    expect(values).toEqual({ kind: "wrong_amount", terminalId: "T1000001" });
  });

  test("blank fields are left out, text is trimmed, the currency capitalised, the description kept as typed", () => {
    const input = incidentInputFromForm(
      {
        kind: "wrong_amount",
        terminalId: " T1000001 ",
        amount: " 12.50",
        rrn: "   ",
        cardLast4: "",
        currency: " usd ",
        description: "  Two lines\nof text ",
      },
      SHANGHAI,
    );
    expect(input).toEqual({
      kind: "wrong_amount",
      terminalId: "T1000001",
      amount: "12.50",
      currency: "USD",
      description: "  Two lines\nof text ",
    });
    expect(createIncidentSchema.safeParse(input).success).toBe(true);
  });

  test("whatever text arrives, the result has only schema keys and never throws", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...INCIDENT_FORM_FIELDS, "other", "$ACTION_KEY"), fc.string()),
        (raw) => {
          const input = incidentInputFromForm(incidentFormValues(form(raw)), SHANGHAI);
          for (const key of Object.keys(input)) expect(INCIDENT_FORM_FIELDS).toContain(key);
          createIncidentSchema.safeParse(input);
        },
      ),
    );
  });

  test("a time with an offset is passed through; a wall-clock time is read in the given zone", () => {
    expect(incidentInputFromForm({ occurredAt: "2026-01-05T09:30:00+08:00" }, SHANGHAI).occurredAt).toBe(
      "2026-01-05T09:30:00+08:00",
    );
    expect(incidentInputFromForm({ occurredAt: "2026-01-05T09:30" }, SHANGHAI).occurredAt).toBe(
      "2026-01-05T01:30:00.000Z",
    );
    expect(incidentInputFromForm({ occurredAt: "yesterday" }, SHANGHAI).occurredAt).toBe("yesterday");
  });
});

describe("wall-clock times in a zone", () => {
  test("read back the instant they were written from, in zones without daylight saving (China dropped it in 1991)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1992-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("Asia/Shanghai", "UTC", "Asia/Kolkata", "Asia/Kathmandu"),
        (date, timeZone) => {
          const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          expect(zonedTimeToIso(wallClock(minute, timeZone), timeZone)).toBe(minute.toISOString());
        },
      ),
    );
  });

  test("follow daylight saving in zones that have it", () => {
    expect(zonedTimeToIso("2026-07-01T12:00", "Europe/London")).toBe("2026-07-01T11:00:00.000Z");
    expect(zonedTimeToIso("2026-01-15T12:00", "Europe/London")).toBe("2026-01-15T12:00:00.000Z");
    expect(zonedTimeToIso("2026-07-01T12:00", "America/New_York")).toBe("2026-07-01T16:00:00.000Z");
    expect(zonedTimeToIso("2026-01-15T12:00:30", "America/New_York")).toBe("2026-01-15T17:00:30.000Z");
  });

  test.each([
    "2026-02-30T10:00",
    "2026-13-01T10:00",
    "2026-01-01T24:00",
    "2026-01-01T10:60",
    "0050-01-01T10:00",
    "2026-01-01",
    "2026-01-01T10:00Z",
    "",
  ])("%j names no wall-clock time", (text) => {
    expect(zonedTimeToIso(text, "Asia/Shanghai")).toBeNull();
  });
});

describe("showing a rejected form again", () => {
  test("a card number typed into any field comes back masked", () => {
    const pan = ["4111", "1111", "1111", "1111"].join(" ");
    const shown = valuesToShowAgain({ description: `Read out ${pan}`, amount: pan.replaceAll(" ", ""), rrn: "12345" });
    expect(shown).toEqual({ description: "Read out ****1111", amount: "****1111", rrn: "12345" });
  });
});
