import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type ActionFailure, actionFailureOf, suspectedDuplicates } from "@/lib/api/action-result";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import { createIncidentSchema } from "@/lib/schemas/incident";

const words = { message: () => "worded", fields: () => ({}) };

function failure(code: ActionFailure["code"], details?: Record<string, unknown>): ActionFailure {
  return {
    ok: false,
    at: 1,
    code,
    reason: "INVALID_INPUT",
    params: {},
    message: "",
    fields: {},
    fieldReasons: {},
    ...(details ? { details } : {}),
  };
}

describe("actionFailureOf", () => {
  test("carries the code, the reason and every refused field of the form at once", () => {
    let error: AppError | null = null;
    try {
      parseInput(createIncidentSchema, {
        amount: "12.345",
        cardLast4: "12",
        rrn: "123",
        occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    } catch (thrown) {
      error = thrown as AppError;
    }
    expect(error).toBeInstanceOf(AppError);
    const result = actionFailureOf(error as AppError, {
      message: () => "Check the fields.",
      fields: (appError) => Object.fromEntries(Object.keys(appError.fields ?? {}).map((field) => [field, field])),
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST", message: "Check the fields." });
    expect(Object.keys(result.fields).sort()).toEqual([
      "amount",
      "cardLast4",
      "kind",
      "occurredAt",
      "rrn",
      "terminalId",
    ]);
    expect(result.fieldReasons.occurredAt).toEqual({ reason: "OCCURRED_IN_FUTURE", params: {} });
    expect(result.fieldReasons.amount.reason).toBe("AMOUNT_NOT_A_NUMBER");
  });

  test("keeps the details a failure carries (the suspected duplicates)", () => {
    const duplicates = [{ id: "inc_1", reference: "INC-000123" }];
    const error = new AppError(
      "DUPLICATE_SUSPECTED",
      { reason: "DUPLICATE_SUSPECTED", params: { count: 1 } },
      undefined,
      {
        duplicates,
      },
    );
    const result = actionFailureOf(error, words);
    expect(result.details).toEqual({ duplicates });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe("suspectedDuplicates", () => {
  test("lists the duplicates a DUPLICATE_SUSPECTED failure names", () => {
    const duplicates = [
      { id: "a", reference: "INC-000001" },
      { id: "b", reference: "INC-000002" },
    ];
    expect(suspectedDuplicates(failure("DUPLICATE_SUSPECTED", { duplicates }))).toEqual(duplicates);
  });

  test("nothing for a success, no answer, or another code", () => {
    const duplicates = [{ id: "a", reference: "INC-000001" }];
    expect(suspectedDuplicates(null)).toEqual([]);
    expect(suspectedDuplicates({ ok: true, at: 1 })).toEqual([]);
    expect(suspectedDuplicates(failure("CONFLICT", { duplicates }))).toEqual([]);
  });

  test("whatever the details hold, it never throws and returns only well-formed entries", () => {
    fc.assert(
      fc.property(fc.anything(), (duplicates) => {
        const found = suspectedDuplicates(failure("DUPLICATE_SUSPECTED", { duplicates }));
        for (const entry of found) {
          expect(typeof entry.id).toBe("string");
          expect(typeof entry.reference).toBe("string");
        }
        if (!Array.isArray(duplicates)) expect(found).toEqual([]);
      }),
    );
  });
});
