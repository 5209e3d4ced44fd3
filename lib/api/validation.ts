// Turning untrusted input into typed values, or an AppError naming the field. No I/O.
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { FORBIDDEN_CARD_KEYS } from "@/lib/schemas/incident";

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] = "Unknown field.";
      continue;
    }
    const path = issue.path.join(".") || "body";
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Finds a key that would carry CVV, PIN or track data, at any depth. */
export function findForbiddenCardKey(value: unknown, path: string[] = []): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenCardKey(item, [...path, String(index)]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_CARD_KEYS.test(key)) return [...path, key].join(".");
      const found = findForbiddenCardKey(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const forbidden = findForbiddenCardKey(input);
  if (forbidden) {
    throw new AppError(
      "BAD_REQUEST",
      "Card security data (CVV, PIN, track data, full card number) must never be sent.",
      {
        [forbidden]: "Not accepted: card security data is never stored.",
      },
    );
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = Object.entries(fields)[0];
    throw new AppError("BAD_REQUEST", first ? `${first[0]}: ${first[1]}` : "Invalid input.", fields);
  }
  return result.data;
}
