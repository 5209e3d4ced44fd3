// Server logging: one JSON line per entry, with any card number masked before it is written.
import { maskPans } from "@/lib/card-data/mask-pan";

type Level = "info" | "warn" | "error";

function write(level: Level, message: string, context?: Record<string, unknown>) {
  const line = maskPans(
    JSON.stringify({ level, time: new Date().toISOString(), message, ...context }, (_key, value) =>
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    ),
  );
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  info: (message: string, context?: Record<string, unknown>) => write("info", message, context),
  warn: (message: string, context?: Record<string, unknown>) => write("warn", message, context),
  error: (message: string, context?: Record<string, unknown>) => write("error", message, context),
};
