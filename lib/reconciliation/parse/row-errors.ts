// Row errors of an import: a stable reason with its parameters (translated by the API from
// messages/<locale>/import-errors.json) and the English message kept on the error itself. Values
// quoted back to the user are masked and cut short, so an error never carries a card number.
import { maskPansLoosely } from "@/lib/card-data/mask-pan";
import type { RowError } from "@/lib/reconciliation/types";
import english from "@/messages/en/import-errors.json";

export const IMPORT_ERRORS_NAMESPACE = "ImportErrors";

const ENGLISH: Record<string, string> = english.ImportErrors;
export type ImportErrorReason = keyof typeof english.ImportErrors;

export function rowError(
  line: number,
  column: string | null,
  reason: ImportErrorReason,
  params?: Record<string, string | number>,
): RowError {
  // Inside a Next build the messages JSON arrives precompiled (next.config.ts), not as strings:
  // then the message is the reason key, and readers word it from reason + params anyway.
  const template = ENGLISH[reason];
  const message = typeof template === "string" ? fill(template, params) : reason;
  return { line, column, message, reason, ...(params ? { params } : {}) };
}

const MAX_QUOTED = 40;

/**
 * A cell's text as it may appear in an error: card numbers masked however their digits are
 * separated (a slash or an underscore too: the cell is refused, and only its echo is at stake), at
 * most 40 characters.
 */
export function quoted(cell: string | undefined): string {
  const text = maskPansLoosely((cell ?? "").trim());
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/** The templates use plain `{name}` placeholders, so English is filled without an ICU library. */
function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The part of a next-intl translator (root namespace) that wording an error needs. */
export type RowErrorTranslator = (key: string, values?: Record<string, string | number>) => string;

/**
 * A row error in the reader's language, e.g. with `createTranslator({ locale, messages })` over
 * messages/<locale>/import-errors.json. Falls back to the English message for an unknown reason.
 */
export function translateRowError(error: RowError, t: RowErrorTranslator & { has?: (key: string) => boolean }) {
  const key = `${IMPORT_ERRORS_NAMESPACE}.${error.reason}`;
  if (t.has && !t.has(key)) return error.message;
  return t(key, error.params);
}
