// Turning untrusted input into typed values, or an AppError naming the field. No I/O.
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { FORBIDDEN_CARD_KEYS } from "@/lib/schemas/incident";

/** No body this API takes nests deeper than a few levels; anything past this is refused unread. */
export const MAX_INPUT_DEPTH = 32;

/** An error answer names at most this many unknown fields, then says how many more there were. */
export const MAX_UNKNOWN_FIELDS_LISTED = 5;

/** The field under which the count of further unknown fields is reported. */
export const MORE_UNKNOWN_FIELDS = "…";

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  let unknownListed = 0;
  let unknownMore = 0;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        if (unknownListed < MAX_UNKNOWN_FIELDS_LISTED) {
          fields[[...issue.path, key].join(".")] = "Unknown field.";
          unknownListed++;
        } else {
          unknownMore++;
        }
      }
      continue;
    }
    const path = issue.path.join(".") || "body";
    fields[path] ??= issue.message;
  }
  if (unknownMore > 0) fields[MORE_UNKNOWN_FIELDS] = `And ${unknownMore} more unknown fields.`;
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
    case "too-deep":
      throw new AppError("BAD_REQUEST", `The request body nests deeper than ${MAX_INPUT_DEPTH} levels.`, {
        body: "Nested too deeply.",
      });
    case "card-key":
      throw new AppError(
        "BAD_REQUEST",
        "Card security data (CVV, PIN, track data, full card number) must never be sent.",
        { [problem.path]: "Not accepted: card security data is never stored." },
      );
    case "not-text":
      throw new AppError("BAD_REQUEST", `${problem.path}: Contains a character that is not valid text.`, {
        [problem.path]: "Contains a character that is not valid text (a lone surrogate or NUL).",
      });
    default:
      return problem satisfies never;
  }
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const problem = findInputProblem(input);
  if (problem) refuse(problem);
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = Object.entries(fields)[0];
    throw new AppError("BAD_REQUEST", first ? `${first[0]}: ${first[1]}` : "Invalid input.", fields);
  }
  return result.data;
}
