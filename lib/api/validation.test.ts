import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  fieldErrors,
  findForbiddenCardKey,
  findInputProblem,
  isStorableText,
  MAX_INPUT_DEPTH,
  MAX_UNKNOWN_FIELDS_LISTED,
  MORE_UNKNOWN_FIELDS,
  parseInput,
} from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import { ERROR_MESSAGES, type ErrorMessageData, isErrorReason } from "@/lib/errors/messages";
import { addTerminalSchema, changeUserAccessSchema, createStoreSchema, createUserSchema } from "@/lib/schemas/admin";
import {
  closeIncidentSchema,
  createIncidentSchema,
  listIncidentsQuerySchema,
  reopenIncidentSchema,
  signInSchema,
  stepActionSchema,
} from "@/lib/schemas/incident";
import { pan } from "@/tests/helpers/card-numbers";

const valid = { kind: "wrong_amount", terminalId: "T1000001", amount: "12.00" };

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

describe("card security data keys", () => {
  test.each([
    "cvv",
    "CVV",
    "cvv2",
    "cvc",
    "cvn",
    "CVN2",
    "pin",
    "PIN",
    "pinBlock",
    "track",
    "track1",
    "track2",
    "trackData",
    "Track2Equivalent",
    "pan",
    "cardNumber",
    "fullCardNumber",
  ])("a %s key is refused as BAD_REQUEST naming the field", (key) => {
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, [key]: "123" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.reason).toBe("CARD_SECURITY_DATA");
    expect(error.fields).toEqual({ [key]: { reason: "CARD_SECURITY_FIELD" } });
  });

  test("is refused on every schema, not only on creating", () => {
    const error = errorOf(() => parseInput(stepActionSchema, { action: "complete", version: 1, pin: "1234" }));
    expect(error.fields).toHaveProperty("pin");
  });

  test("is found at any depth, in objects and arrays, with its path", () => {
    expect(findForbiddenCardKey({ a: { b: { cvv: "1" } } })).toBe("a.b.cvv");
    expect(findForbiddenCardKey({ cards: [{ last4: "1234" }, { track1: "x" }] })).toBe("cards.1.track1");
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, extra: [{ cvn: "1" }] }));
    expect(error.fields).toHaveProperty("extra.0.cvn");
  });

  test("is refused even when its value is empty", () => {
    expect(findForbiddenCardKey({ cvv: "" })).toBe("cvv");
    expect(findForbiddenCardKey({ pin: null })).toBe("pin");
  });

  test("does not flag the fields a slip legitimately carries", () => {
    for (const key of [
      "cardBin",
      "cardLast4",
      "rrn",
      "authCode",
      "traceNo",
      "batchNo",
      "pinned",
      "spinner",
      "pinpad",
    ]) {
      expect(findForbiddenCardKey({ [key]: "1" }), key).toBeNull();
    }
    expect(findForbiddenCardKey(valid)).toBeNull();
    expect(findForbiddenCardKey(null)).toBeNull();
    expect(findForbiddenCardKey("cvv")).toBeNull();
  });

  test("does not echo the refused value back", () => {
    const secret = "987";
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, cvv: secret }));
    expect(`${error.message} ${JSON.stringify(error.fields)}`).not.toContain(secret);
  });
});

describe("parseInput", () => {
  test("returns the parsed value for valid input", () => {
    expect(parseInput(createIncidentSchema, valid)).toEqual({ ...valid, currency: "CNY" });
  });

  test("names every invalid field, with a reason and its parameters, and the first in the summary", () => {
    const error = errorOf(() => parseInput(createIncidentSchema, { kind: "nope", terminalId: "T1", amount: "0" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.reason).toBe("INVALID_INPUT");
    expect(error.params).toEqual({ field: "kind", others: 2 });
    expect(error.fields).toEqual({
      kind: { reason: "NOT_ONE_OF", params: { field: "kind", options: expect.stringContaining("wrong_amount") } },
      terminalId: { reason: "INVALID_FORMAT", params: { field: "terminalId" } },
      amount: { reason: "AMOUNT_NOT_POSITIVE" },
    });
  });

  test("a missing field is REQUIRED, a value of the wrong type says the type expected", () => {
    const missing = errorOf(() => parseInput(stepActionSchema, { action: "complete" }));
    expect(missing.fields).toEqual({ version: { reason: "REQUIRED" } });
    const wrongType = errorOf(() => parseInput(stepActionSchema, { action: "complete", version: "1" }));
    expect(wrongType.fields).toEqual({ version: { reason: "WRONG_TYPE", params: { expected: "number" } } });
    const fraction = errorOf(() => parseInput(stepActionSchema, { action: "complete", version: 1.5 }));
    expect(fraction.fields).toEqual({ version: { reason: "WRONG_TYPE", params: { expected: "int" } } });
  });

  test("length limits carry the limit", () => {
    const error = errorOf(() => parseInput(stepActionSchema, { action: "skip", note: "x".repeat(1001), version: 1 }));
    expect(error.fields).toEqual({ note: { reason: "TOO_LONG", params: { max: 1000 } } });
  });

  test("names unknown keys as unknown fields", () => {
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, tip: "1", storeId: "s" }));
    expect(error.fields).toEqual({ tip: { reason: "UNKNOWN_FIELD" }, storeId: { reason: "UNKNOWN_FIELD" } });
  });
});

describe("fieldErrors", () => {
  test("joins nested paths and keeps the first message per field", () => {
    const schema = z.strictObject({
      slip: z.strictObject({
        rrn: z
          .string()
          .regex(/^\d{12}$/, "12 digits")
          .min(12, "too short"),
      }),
    });
    const result = schema.safeParse({ slip: { rrn: "1", extra: true } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrors(result.error)).toEqual({
        "slip.rrn": { reason: "INVALID_FORMAT", params: { field: "rrn" } },
        "slip.extra": { reason: "UNKNOWN_FIELD" },
      });
    }
  });

  test("a problem with the whole value is reported under body", () => {
    const result = z.object({}).safeParse("not an object");
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(["body"]);
  });
});

describe("hostile shapes", () => {
  function nested(depth: number): unknown {
    let value: unknown = 1;
    for (let level = 0; level < depth; level++) value = { a: value };
    return value;
  }

  test("nesting 100,000 levels deep is refused as BAD_REQUEST without overflowing the stack", () => {
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, extra: nested(100_000) }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fields).toEqual({ body: { reason: "BODY_TOO_DEEP", params: { max: MAX_INPUT_DEPTH } } });
  });

  test("nesting up to the cap is walked, deeper is refused", () => {
    expect(findInputProblem(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(findInputProblem(nested(MAX_INPUT_DEPTH + 1))).toEqual({ kind: "too-deep" });
  });

  test("a lone surrogate or NUL in a value names the field; in a key names its parent", () => {
    expect(findInputProblem({ a: { b: "x\ud800" } })).toEqual({ kind: "not-text", path: "a.b" });
    expect(findInputProblem({ a: ["ok", "\udc00"] })).toEqual({ kind: "not-text", path: "a.1" });
    expect(findInputProblem({ note: "a\u0000b" })).toEqual({ kind: "not-text", path: "note" });
    expect(findInputProblem({ "\ud800": 1 })).toEqual({ kind: "not-text", path: "body" });
    expect(findInputProblem("\ud800")).toEqual({ kind: "not-text", path: "body" });
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, description: "\ud800" }));
    expect(error.fields).toHaveProperty("description");
  });

  test("well-formed text of any script, emoji included, is storable", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(isStorableText(text.replaceAll("\u0000", ""))).toBe(true);
      }),
    );
  });

  test("any string holding a lone surrogate is not storable", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string(), (before, surrogate, after) => {
        // A high half followed by a low half would be a pair: keep the neighbours surrogate-free.
        const clean = (text: string) => text.replace(/[\ud800-\udfff]/g, "");
        expect(isStorableText(`${clean(before)}${String.fromCharCode(surrogate)}${clean(after)}`)).toBe(false);
      }),
    );
  });

  test("no JSON value makes the walk or parseInput throw anything but an AppError", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 60 }), (value) => {
        try {
          parseInput(createIncidentSchema, value);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("unknown fields in an error answer", () => {
  test("at most five are named, then how many more", () => {
    const input: Record<string, unknown> = { ...valid };
    for (let index = 0; index < 1_000; index++) input[`extra${index}`] = index;
    const error = errorOf(() => parseInput(createIncidentSchema, input));
    const names = Object.keys(error.fields ?? {});
    expect(names).toHaveLength(MAX_UNKNOWN_FIELDS_LISTED + 1);
    expect(names.slice(0, 5)).toEqual(["extra0", "extra1", "extra2", "extra3", "extra4"]);
    expect(error.fields?.[MORE_UNKNOWN_FIELDS]).toEqual({ reason: "MORE_UNKNOWN_FIELDS", params: { count: 995 } });
  });

  test("five or fewer are all named, with no count", () => {
    const error = errorOf(() => parseInput(createIncidentSchema, { ...valid, a: 1, b: 2 }));
    expect(error.fields).toEqual({ a: { reason: "UNKNOWN_FIELD" }, b: { reason: "UNKNOWN_FIELD" } });
  });
});

describe("every refusal is a message of the catalogue", () => {
  /**
   * The reason is in the catalogue and carries exactly the parameters it declares; never the
   * catch-all INVALID_VALUE, which would mean a refinement that does not name its reason.
   */
  function expectCatalogued(message: ErrorMessageData, where: string) {
    expect(isErrorReason(message.reason), `${where}: ${message.reason}`).toBe(true);
    expect(message.reason, where).not.toBe("INVALID_VALUE");
    if (!isErrorReason(message.reason)) return;
    expect(Object.keys(message.params ?? {}).sort(), `${where}: ${message.reason}`).toEqual(
      Object.keys(ERROR_MESSAGES[message.reason]).sort(),
    );
  }

  const schemas = {
    createIncidentSchema,
    stepActionSchema,
    closeIncidentSchema,
    reopenIncidentSchema,
    listIncidentsQuerySchema,
    signInSchema,
    createStoreSchema,
    addTerminalSchema,
    createUserSchema,
    changeUserAccessSchema,
  };
  // Values near the schemas' own fields, so the refusals are about them and not only unknown keys.
  const fieldNames = fc.constantFrom(
    ...["kind", "terminalId", "occurredAt", "amount", "currency", "cardBin", "cardLast4", "rrn", "authCode"],
    ...["traceNo", "batchNo", "description", "action", "note", "contactMethod", "identityVerified", "version"],
    ...["resolution", "status", "limit", "from", "email", "password", "name", "tid", "storeId", "role", "storeIds"],
  );
  const values = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    pan,
    fc.constantFrom("0", "12.345", "99999999999", "x".repeat(3000), "2026-13-45", "ADMIN"),
  );

  test.each(Object.entries(schemas))(
    "whatever %s refuses, it names a catalogued reason with its parameters",
    (name, schema) => {
      fc.assert(
        fc.property(fc.dictionary(fieldNames, values, { maxKeys: 8 }), (input) => {
          let error: unknown;
          try {
            parseInput(schema as z.ZodType, input);
            return;
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(AppError);
          const appError = error as AppError;
          expectCatalogued({ reason: appError.reason, params: appError.params }, name);
          for (const [field, message] of Object.entries(appError.fields ?? {}))
            expectCatalogued(message, `${name}.${field}`);
        }),
        { numRuns: 200 },
      );
    },
  );
});
