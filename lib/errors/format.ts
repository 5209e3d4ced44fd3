// Puts an error message (reason + params) into words with a next-intl translator over the whole
// message tree: the server's createTranslator (lib/errors/translate.ts) and the browser's
// useTranslations() (components/ui/error-text.ts) both call this, so an answer reads the same
// wherever it is rendered. Parameters are shown by their kind (lib/errors/messages.ts): a step key
// becomes the step's name in the reader's language. Pure.
import { type ErrorMessageData, type ErrorParams, isErrorReason, paramKinds } from "@/lib/errors/messages";

/** The part of a next-intl translator this needs (root namespace). */
export interface ErrorTranslator {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
}

export const REASONS_NAMESPACE = "Errors.reasons";

function named(t: ErrorTranslator, group: string, key: string): string {
  const path = `${group}.${key}`;
  return t.has(path) ? t(path) : key;
}

function shownParams(t: ErrorTranslator, locale: string, reason: string, params: ErrorParams): ErrorParams {
  const kinds = paramKinds(reason);
  const shown: ErrorParams = {};
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    switch (kinds[name]) {
      case "number":
        shown[name] = typeof value === "number" ? value : Number.isFinite(Number(text)) ? Number(text) : text;
        break;
      case "step":
        shown[name] = named(t, "Incident.steps", text);
        break;
      case "stepStatus":
        shown[name] = named(t, "Incident.stepStatus", text);
        break;
      case "steps":
        shown[name] = new Intl.ListFormat(locale, { type: "conjunction" }).format(
          text
            .split(",")
            .filter(Boolean)
            .map((key) => named(t, "Incident.steps", key)),
        );
        break;
      default:
        shown[name] = text;
    }
  }
  return shown;
}

/**
 * The message in words. An unknown reason (an answer from a newer server, say) reads as
 * `fallback`'s text rather than a raw key.
 */
export function formatErrorMessage(
  t: ErrorTranslator,
  locale: string,
  message: ErrorMessageData,
  fallback: "INTERNAL_ERROR" | "INVALID_VALUE" = "INTERNAL_ERROR",
): string {
  const reason = isErrorReason(message.reason) ? message.reason : fallback;
  const params = reason === message.reason ? shownParams(t, locale, reason, message.params ?? {}) : {};
  return t(`${REASONS_NAMESPACE}.${reason}`, params);
}

/** Every field message in words. */
export function formatFieldMessages(
  t: ErrorTranslator,
  locale: string,
  fields: Record<string, ErrorMessageData> | undefined,
): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields ?? {})) {
    texts[field] = formatErrorMessage(t, locale, message, "INVALID_VALUE");
  }
  return texts;
}
