// Server logging: one JSON line per entry, with any card number masked before it is written —
// also one hidden behind an encoding (a URL's `+` or `%34`, a JSON `\u0034`), so every string is
// decoded before it is masked.

import { maskEncodedPans } from "@/lib/card-data/encoded-pans";
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";

type Level = "info" | "warn" | "error";

/** Deeper than this, a logged value is summarised: a log line is for people, not a dump. */
const MAX_DEPTH = 8;

function write(level: Level, message: string, context?: Record<string, unknown>) {
  const entry = clean({ level, time: new Date().toISOString(), message, ...context }, 0, new Set());
  // Masked again as a whole line: a number value the replacer saw as a number is text now.
  const line = maskPans(JSON.stringify(entry));
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/**
 * A copy of `value` that JSON.stringify can write and that holds no card number: strings and keys
 * masked after decoding, errors reduced to name, message, stack and cause, cycles cut.
 */
function clean(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === "string") return maskEncodedPans(value);
  if (typeof value === "number" || typeof value === "bigint") {
    const digits = String(value);
    return containsPan(digits) ? maskPans(digits) : typeof value === "bigint" ? digits : value;
  }
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (ancestors.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  ancestors.add(value);
  try {
    if (value instanceof Error) {
      const { name, message, stack, cause } = value;
      return clean({ name, message, stack, cause }, depth + 1, ancestors);
    }
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      return clean((value as { toJSON: () => unknown }).toJSON(), depth + 1, ancestors);
    }
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1, ancestors));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [maskEncodedPans(key), clean(item, depth + 1, ancestors)]),
    );
  } finally {
    ancestors.delete(value);
  }
}

export const log = {
  info: (message: string, context?: Record<string, unknown>) => write("info", message, context),
  warn: (message: string, context?: Record<string, unknown>) => write("warn", message, context),
  error: (message: string, context?: Record<string, unknown>) => write("error", message, context),
};
