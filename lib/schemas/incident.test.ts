import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  amountSchema,
  closeIncidentSchema,
  createIncidentSchema,
  formatMinor,
  listIncidentsQuerySchema,
  MAX_AMOUNT_MINOR,
  parseAmountToMinor,
  reopenIncidentSchema,
  stepActionSchema,
} from "@/lib/schemas/incident";

const minimal = { kind: "wrong_amount", terminalId: "T1000001" };

function issuesOf(input: unknown) {
  const result = createIncidentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("amount parsing", () => {
  test.each([
    ["128.50", 12_850],
    ["128.5", 12_850],
    ["128", 12_800],
    ["0.01", 1],
    ["0", 0],
    [" 12.30 ", 1_230],
    ["10000000.00", 1_000_000_000],
  ])("%j is %i minor units", (text, minor) => {
    expect(parseAmountToMinor(text)).toBe(minor);
  });

  test.each(["", "-1", "+1", "1.234", "1e3", "1,000", "12.", ".5", "abc", "1 000", "NaN", "Infinity", "0x10"])(
    "%j is not an amount",
    (text) => {
      expect(parseAmountToMinor(text)).toBeNull();
    },
  );

  test("formatting and parsing round-trip every amount in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), (minor) => {
        const text = formatMinor(minor);
        expect(text).toMatch(/^\d+\.\d{2}$/);
        expect(parseAmountToMinor(text)).toBe(minor);
      }),
    );
  });
});

describe("amountSchema", () => {
  test("accepts amounts above 0 with at most 2 decimals up to 10,000,000.00", () => {
    for (const amount of ["0.01", "1", "99.9", "128.50", "9999999.99", "10000000.00", "10000000"]) {
      expect(amountSchema.safeParse(amount).success, amount).toBe(true);
    }
  });

  test.each([
    ["0", "greater than 0"],
    ["0.00", "greater than 0"],
    ["10000000.01", "at most 10,000,000.00"],
    ["10000001", "at most 10,000,000.00"],
    ["1.001", "at most 2 decimals"],
    ["-3.00", "at most 2 decimals"],
  ])("refuses %j (%s)", (amount, message) => {
    const result = amountSchema.safeParse(amount);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(" ")).toContain(message);
  });

  test("refuses a JSON number: amounts travel as decimal strings", () => {
    expect(amountSchema.safeParse(12.5).success).toBe(false);
  });

  test("any amount with three or more decimals is refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 999_999 }), (whole, fraction) => {
        const text = `${whole}.${String(fraction).padStart(3, "0")}`;
        expect(amountSchema.safeParse(text).success).toBe(false);
      }),
    );
  });
});

describe("createIncidentSchema", () => {
  test("needs only a kind and a terminal, and defaults the currency to CNY", () => {
    const parsed = createIncidentSchema.parse(minimal);
    expect(parsed).toEqual({ ...minimal, currency: "CNY" });
  });

  test("accepts a full slip", () => {
    const slip = {
      ...minimal,
      occurredAt: "2026-01-15T09:30:00+08:00",
      amount: "128.50",
      currency: "USD",
      cardBin: "622848",
      cardLast4: "0042",
      rrn: "123456789012",
      authCode: "AB12cd",
      traceNo: "000123",
      batchNo: "000007",
      description: "  Customer noticed at once  ",
    };
    expect(createIncidentSchema.parse(slip)).toEqual({ ...slip, description: "Customer noticed at once" });
  });

  test.each(["62284", "6228480", "62284a", "", "622 848"])("cardBin %j must be exactly 6 digits", (cardBin) => {
    expect(issuesOf({ ...minimal, cardBin })).toEqual(["cardBin"]);
  });

  test.each(["123", "12345", "12a4", ""])("cardLast4 %j must be exactly 4 digits", (cardLast4) => {
    expect(issuesOf({ ...minimal, cardLast4 })).toEqual(["cardLast4"]);
  });

  test("the card fields accept exactly their lengths of digits and nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789a "), maxLength: 14 }), (value) => {
        expect(issuesOf({ ...minimal, cardBin: value }).length === 0).toBe(/^\d{6}$/.test(value));
        expect(issuesOf({ ...minimal, cardLast4: value }).length === 0).toBe(/^\d{4}$/.test(value));
        expect(issuesOf({ ...minimal, rrn: value }).length === 0).toBe(/^\d{12}$/.test(value));
      }),
    );
  });

  test.each(["12345678901", "1234567890123", "12345678901a"])("rrn %j must be 12 digits", (rrn) => {
    expect(issuesOf({ ...minimal, rrn })).toEqual(["rrn"]);
  });

  test.each([
    ["authCode", "12345"],
    ["authCode", "12-456"],
    ["traceNo", "12345"],
    ["batchNo", "1234567"],
    ["currency", "cny"],
    ["currency", "RMB1"],
    ["occurredAt", "2026-01-15"],
    ["occurredAt", "2026-01-15T09:30:00"],
    ["kind", "lost_card"],
    ["kind", "WRONG_AMOUNT"],
    ["terminalId", "T1"],
    ["terminalId", "T100-0001"],
  ])("%s %j is refused", (field, value) => {
    expect(issuesOf({ ...minimal, [field]: value })).toEqual([field]);
  });

  test("unknown keys are rejected, including a store chosen by the client", () => {
    for (const key of ["storeId", "status", "merchantId", "tip"]) {
      const result = createIncidentSchema.safeParse({ ...minimal, [key]: "x" });
      expect(result.success, key).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: [key] });
    }
  });

  test("a description is at most 2000 characters", () => {
    expect(issuesOf({ ...minimal, description: "x".repeat(2000) })).toEqual([]);
    expect(issuesOf({ ...minimal, description: "x".repeat(2001) })).toEqual(["description"]);
  });
});

describe("change schemas", () => {
  test("a step action needs an action and a positive integer version, and nothing else", () => {
    expect(stepActionSchema.safeParse({ action: "complete", version: 1 }).success).toBe(true);
    expect(stepActionSchema.safeParse({ action: "complete" }).success).toBe(false);
    expect(stepActionSchema.safeParse({ action: "complete", version: 0 }).success).toBe(false);
    expect(stepActionSchema.safeParse({ action: "complete", version: 1.5 }).success).toBe(false);
    expect(stepActionSchema.safeParse({ action: "finish", version: 1 }).success).toBe(false);
    expect(stepActionSchema.safeParse({ action: "skip", version: 1, status: "done" }).success).toBe(false);
    expect(
      stepActionSchema.safeParse({ action: "complete", version: 2, contactMethod: "fax", identityVerified: true })
        .success,
    ).toBe(false);
  });

  const close = {
    resolution: "refunded",
    causes: ["printer_fault"],
    recoveredAmount: "0",
    lostAmount: "0",
    version: 3,
  };
  const closeErrors = (input: unknown) => {
    const result = closeIncidentSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  test("closing needs a known resolution", () => {
    expect(closeErrors(close)).toEqual([]);
    expect(closeErrors({ ...close, resolution: "lost" })).toEqual(["resolution"]);
    expect(closeErrors({ ...close, resolution: undefined })).toEqual(["resolution"]);
  });

  test("closing needs one or more known causes, each field named when it is wrong", () => {
    expect(closeErrors({ ...close, causes: undefined })).toEqual(["causes"]);
    expect(closeErrors({ ...close, causes: [] })).toEqual(["causes"]);
    expect(closeErrors({ ...close, causes: ["bad_luck"] })).toEqual(["causes.0"]);
    expect(closeErrors({ ...close, causes: "distraction" })).toEqual(["causes"]);
    expect(closeErrors({ ...close, causes: ["distraction", "network_drop", "environment"] })).toEqual([]);
  });

  test('the cause "other" needs the note saying what', () => {
    expect(closeErrors({ ...close, causes: ["other"] })).toEqual(["note"]);
    expect(closeErrors({ ...close, causes: ["other"], note: "   " })).toEqual(["note"]);
    expect(closeErrors({ ...close, causes: ["distraction", "other"], note: "Till moved during refit" })).toEqual([]);
  });

  test("the money recovered and lost are decimal strings, zero allowed, never negative", () => {
    expect(closeErrors({ ...close, recoveredAmount: "128.50", lostAmount: "0.00" })).toEqual([]);
    expect(closeErrors({ ...close, recoveredAmount: undefined })).toEqual(["recoveredAmount"]);
    expect(closeErrors({ ...close, lostAmount: undefined })).toEqual(["lostAmount"]);
    expect(closeErrors({ ...close, lostAmount: "-5" })).toEqual(["lostAmount"]);
    expect(closeErrors({ ...close, recoveredAmount: 12 })).toEqual(["recoveredAmount"]);
    expect(closeErrors({ ...close, recoveredAmount: "1.234" })).toEqual(["recoveredAmount"]);
    expect(closeErrors({ ...close, lostAmount: "10000000.01" })).toEqual(["lostAmount"]);
  });

  test("reopening needs a note that is not blank", () => {
    expect(reopenIncidentSchema.safeParse({ note: "Bank query", version: 4 }).success).toBe(true);
    expect(reopenIncidentSchema.safeParse({ note: "   ", version: 4 }).success).toBe(false);
    expect(reopenIncidentSchema.safeParse({ version: 4 }).success).toBe(false);
  });
});

describe("listIncidentsQuerySchema", () => {
  test("defaults the page size to 50 and caps it at 100", () => {
    expect(listIncidentsQuerySchema.parse({}).limit).toBe(50);
    expect(listIncidentsQuerySchema.parse({ limit: "100" }).limit).toBe(100);
    expect(listIncidentsQuerySchema.safeParse({ limit: "101" }).success).toBe(false);
  });

  test("accepts the filters of the incident list and refuses unknown ones", () => {
    const query = {
      status: "OPEN",
      kind: "pin_error",
      storeId: "store-1",
      q: "INC-000001",
      cursor: "abc",
      overdue: "true",
      from: "2026-01-01",
      to: "2026-01-31",
    };
    expect(listIncidentsQuerySchema.safeParse(query).success).toBe(true);
    expect(listIncidentsQuerySchema.safeParse({ sort: "amount" }).success).toBe(false);
    expect(listIncidentsQuerySchema.safeParse({ from: "01/01/2026" }).success).toBe(false);
  });
});
