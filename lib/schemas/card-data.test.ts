// The shared schemas are where card numbers are stopped, for the API, the server actions and the
// forms alike: every stored name or free-text field comes out masked, and identifiers that look
// like a card number (TID, email) are refused with an issue on that field.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { containsPan } from "@/lib/card-data/mask-pan";
import { addTerminalSchema, createStoreSchema, createUserSchema, renameStoreSchema } from "@/lib/schemas/admin";
import {
  closeIncidentSchema,
  createIncidentSchema,
  reopenIncidentSchema,
  stepActionSchema,
} from "@/lib/schemas/incident";
import { asciiDigitsOf, pan, text, writtenPan } from "@/tests/helpers/card-numbers";

const user = {
  email: "li@demo.test",
  name: "Li",
  password: "a-long-initial-password",
  role: "CASHIER",
  storeIds: ["s1"],
};

/** Each stored text field: its schema, a valid input around it, and its length limit. */
const FREE_TEXT: [string, z.ZodType, Record<string, unknown>, string, number][] = [
  ["store name (create)", createStoreSchema, {}, "name", 80],
  ["store name (rename)", renameStoreSchema, {}, "name", 80],
  ["user name", createUserSchema, user, "name", 100],
  ["incident description", createIncidentSchema, { kind: "wrong_amount", terminalId: "T1000001" }, "description", 2000],
  ["step note", stepActionSchema, { action: "complete", version: 1 }, "note", 1000],
  [
    "close note",
    closeIncidentSchema,
    { resolution: "voided", causes: ["distraction"], recoveredAmount: "0", lostAmount: "0", version: 1 },
    "note",
    1000,
  ],
  ["reopen note", reopenIncidentSchema, { version: 1 }, "note", 1000],
];

describe.each(FREE_TEXT)("the %s", (_name, schema, valid, field, max) => {
  test("comes out with any card number in it masked, however written", () => {
    fc.assert(
      fc.property(writtenPan, text, text, ({ number, written }, before, after) => {
        const value = `x${before}${written}${after}`;
        fc.pre(value.length <= max);
        const parsed = schema.parse({ ...valid, [field]: value }) as Record<string, string>;
        expect(asciiDigitsOf(parsed[field])).not.toContain(number);
        expect(containsPan(parsed[field])).toBe(false);
        expect(parsed[field]).toContain(`****${number.slice(-4)}`);
      }),
      { numRuns: 200 },
    );
  });

  test("comes out as typed (trimmed) when it holds no card number", () => {
    const value = "  Paid 128.50 on 2026-03-01, call 138 0013 8000  ";
    const parsed = schema.parse({ ...valid, [field]: value }) as Record<string, string>;
    expect(parsed[field]).toBe(value.trim());
  });
});

const IDENTIFIERS: [string, z.ZodType, Record<string, unknown>, string, (pan: string) => string][] = [
  ["terminal's TID", addTerminalSchema, { storeId: "s1" }, "tid", (number) => number],
  ["incident's terminal", createIncidentSchema, { kind: "wrong_amount" }, "terminalId", (number) => number],
  ["user's email", createUserSchema, user, "email", (number) => `${number}@demo.test`],
];

describe.each(IDENTIFIERS)("the %s", (_name, schema, valid, field, write) => {
  test("is refused when it is or holds a card number", () => {
    fc.assert(
      fc.property(pan, (number) => {
        const result = schema.safeParse({ ...valid, [field]: write(number) });
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
      }),
      { numRuns: 200 },
    );
  });
});
