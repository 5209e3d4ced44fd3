// Turning untrusted input into typed values, or an AppError naming the field. Every zod issue
// becomes a message of the catalogue (lib/errors/messages.ts) with its parameters — the limits of
// a length check, the options of a choice — so it can be worded in any language. A schema's own
// refinement names its reason in `params: { reason }`. No I/O.
import type { z } from "zod";
import { AppError, type FieldMessages } from "@/lib/errors/app-error";
import { ERROR_MESSAGES, type ErrorMessage, isErrorReason } from "@/lib/errors/messages";
import { FORBIDDEN_CARD_KEYS } from "@/lib/schemas/incident";

/** No body this API takes nests deeper than a few levels; anything past this is refused unread. */
export const MAX_INPUT_DEPTH = 32;

/** An error answer names at most this many unknown fields, then says how many more there were. */
export const MAX_UNKNOWN_FIELDS_LISTED = 5;

/** The field under which the count of further unknown fields is reported. */
export const MORE_UNKNOWN_FIELDS = "…";

/** The name a message gives the field: the last named segment of the path. */
function fieldName(path: readonly PropertyKey[]): string {
  for (let index = path.length - 1; index >= 0; index--) {
    if (typeof path[index] === "string") return path[index] as string;
  }
  return "body";
}

/** A message of the catalogue with its parameters, when the reason takes exactly those. */
function declared(reason: string, params: Record<string, unknown>): ErrorMessage | null {
  if (!isErrorReason(reason)) return null;
  const names = Object.keys(ERROR_MESSAGES[reason]);
  const values: Record<string, string | number> = {};
  for (const name of names) {
    const value = params[name];
    if (typeof value !== "string" && typeof value !== "number") return null;
    values[name] = value;
  }
  return (names.length > 0 ? { reason, params: values } : { reason }) as ErrorMessage;
}

/** What one zod issue says, as a message of the catalogue. */
export function issueMessage(issue: z.core.$ZodIssue): ErrorMessage {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case "invalid_type":
      // Parsed with reportInput, a missing value shows as an `input` of undefined.
      if ("input" in issue && issue.input !== undefined) {
        return { reason: "WRONG_TYPE", params: { expected: issue.expected } };
      }
      return { reason: "REQUIRED" };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? { reason: "REQUIRED" } : { reason: "TOO_SHORT", params: { min } };
      if (issue.origin === "array" || issue.origin === "set") return { reason: "TOO_FEW_ITEMS", params: { min } };
      return { reason: "TOO_SMALL", params: { min } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { reason: "TOO_LONG", params: { max } };
      if (issue.origin === "array" || issue.origin === "set") return { reason: "TOO_MANY_ITEMS", params: { max } };
      return { reason: "TOO_BIG", params: { max } };
    }
    case "invalid_value":
      return { reason: "NOT_ONE_OF", params: { field, options: issue.values.map(String).join(", ") } };
    case "invalid_format":
      if (issue.format === "email") return { reason: "INVALID_EMAIL" };
      if (issue.format === "datetime") return { reason: "INVALID_DATE_TIME" };
      if (issue.format === "date") return { reason: "INVALID_DATE" };
      return { reason: "INVALID_FORMAT", params: { field } };
    case "custom": {
      const { reason, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      return (typeof reason === "string" && declared(reason, { field, ...params })) || { reason: "INVALID_VALUE" };
    }
    default:
      return { reason: "INVALID_VALUE" };
  }
}

export function fieldErrors(error: z.ZodError): FieldMessages {
  const fields: FieldMessages = {};
  let unknownListed = 0;
  let unknownMore = 0;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        if (unknownListed < MAX_UNKNOWN_FIELDS_LISTED) {
          fields[[...issue.path, key].join(".")] = { reason: "UNKNOWN_FIELD" };
          unknownListed++;
        } else {
          unknownMore++;
        }
      }
      continue;
    }
    const path = issue.path.join(".") || "body";
    fields[path] ??= issueMessage(issue);
  }
  if (unknownMore > 0) fields[MORE_UNKNOWN_FIELDS] = { reason: "MORE_UNKNOWN_FIELDS", params: { count: unknownMore } };
  return fields;
}

/**
 * A lone UTF-16 surrogate cannot be encoded as UTF-8 (the database driver and hashing throw on
 * it), and a NUL character cannot be stored in a PostgreSQL text column: neither is ever text.
 * In `u` mode a well-formed surrogate pair is one code point, so only lone halves match \p{Cs}.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

export type InputProblem =
  | { kind: "too-deep" }
  | { kind: "card-key"; path: string }
  | { kind: "not-text"; path: string };

/**
 * Walks a parsed JSON value once, without recursion (so no depth can overflow the stack), and
 * reports the first thing no schema should ever see: nesting deeper than MAX_INPUT_DEPTH, a key
 * that would carry CVV, PIN or track data, or a string (key or value) that is not storable text.
 */
export function findInputProblem(value: unknown): InputProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof node === "string") {
      if (!isStorableText(node)) return { kind: "not-text", path: path.join(".") || "body" };
      continue;
    }
    if (!node || typeof node !== "object") continue;
    if (path.length >= MAX_INPUT_DEPTH) return { kind: "too-deep" };
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : Object.entries(node);
    // Pushed in reverse so the first key is looked at first, as a reader would.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index];
      if (!Array.isArray(node)) {
        if (!isStorableText(key)) return { kind: "not-text", path: path.join(".") || "body" };
        if (FORBIDDEN_CARD_KEYS.test(key)) return { kind: "card-key", path: [...path, key].join(".") };
      }
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** Finds a key that would carry CVV, PIN or track data, at any depth. */
export function findForbiddenCardKey(value: unknown): string | null {
  const problem = findInputProblem(value);
  return problem?.kind === "card-key" ? problem.path : null;
}

function refuse(problem: InputProblem): never {
  switch (problem.kind) {
    case "too-deep": {
      const tooDeep = { reason: "BODY_TOO_DEEP", params: { max: MAX_INPUT_DEPTH } } as const;
      throw new AppError("BAD_REQUEST", tooDeep, { body: tooDeep });
    }
    case "card-key":
      throw new AppError(
        "BAD_REQUEST",
        { reason: "CARD_SECURITY_DATA" },
        { [problem.path]: { reason: "CARD_SECURITY_FIELD" } },
      );
    case "not-text":
      throw new AppError(
        "BAD_REQUEST",
        { reason: "INVALID_INPUT", params: { field: problem.path, others: 0 } },
        { [problem.path]: { reason: "NOT_TEXT" } },
      );
    default:
      return problem satisfies never;
  }
}

/**
 * A request's query string as an object for `parseInput`. A parameter named in `lists` may repeat
 * (it becomes a list); any other given twice is refused, naming it — `from=…&from=…` must not read
 * a range the caller never meant, as the last value silently winning would.
 */
export function readQuery(url: string, lists: readonly string[] = []): Record<string, string | string[]> {
  const params = new URL(url).searchParams;
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (lists.includes(name)) query[name] = values;
    else if (values.length === 1) query[name] = values[0];
    else {
      const twice = { reason: "GIVEN_TWICE" } as const;
      throw new AppError(
        "BAD_REQUEST",
        { reason: "INVALID_INPUT", params: { field: name, others: 0 } },
        { [name]: twice },
      );
    }
  }
  return query;
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const problem = findInputProblem(input);
  if (problem) refuse(problem);
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const named = Object.keys(fields).filter((field) => field !== MORE_UNKNOWN_FIELDS);
    throw new AppError(
      "BAD_REQUEST",
      { reason: "INVALID_INPUT", params: { field: named[0] ?? "body", others: Math.max(0, named.length - 1) } },
      fields,
    );
  }
  return result.data;
}
