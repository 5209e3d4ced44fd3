// Errors in words on the server, in any supported locale, without a request context: the API's
// error answers (lib/api/respond.ts) and the server actions' failure results
// (lib/api/server-action.ts) are both worded here. Step names come from the incidents area.
import "server-only";
import { type AbstractIntlMessages, createTranslator } from "next-intl";
import type { AppError, FieldMessages } from "@/lib/errors/app-error";
import { type ErrorTranslator, formatErrorMessage, formatFieldMessages } from "@/lib/errors/format";
import type { ErrorMessageData } from "@/lib/errors/messages";
import type { Locale } from "@/lib/i18n/locales";
import enErrors from "@/messages/en/errors.json";
import enIncidents from "@/messages/en/incidents.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";

const MESSAGES = {
  en: { ...enIncidents, ...enErrors },
  "zh-CN": { ...zhIncidents, ...zhErrors },
} satisfies Record<Locale, unknown>;

const translators = new Map<Locale, ErrorTranslator>();

export function errorTranslator(locale: Locale): ErrorTranslator {
  let t = translators.get(locale);
  if (!t) {
    // Keys are built at run time (a reason from the catalogue), so the translator is used untyped.
    const translator = createTranslator({
      locale,
      messages: MESSAGES[locale] as AbstractIntlMessages,
    }) as unknown as ErrorTranslator;
    t = Object.assign((key: string, values?: Record<string, string | number | Date>) => translator(key, values), {
      has: (key: string) => translator.has(key),
    });
    translators.set(locale, t);
  }
  return t;
}

/** One message in the locale's words. */
export function errorText(locale: Locale, message: ErrorMessageData): string {
  return formatErrorMessage(errorTranslator(locale), locale, message);
}

/** Every field message in the locale's words. */
export function fieldTexts(locale: Locale, fields: FieldMessages | undefined): Record<string, string> {
  return formatFieldMessages(errorTranslator(locale), locale, fields);
}

/**
 * The API's error body: `code` (fixes the status), `reason` and `params` (stable keys), `message`
 * and `fields` in the locale's words, and `fieldReasons` (the keys behind each field's words).
 */
export function errorBody(error: AppError, locale: Locale) {
  const fields = error.fields
    ? {
        fields: fieldTexts(locale, error.fields),
        fieldReasons: Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [
            field,
            { reason: message.reason, params: message.params ?? {} },
          ]),
        ),
      }
    : {};
  return {
    error: {
      ...error.details,
      code: error.code,
      reason: error.reason,
      params: error.params,
      message: errorText(locale, error),
      ...fields,
    },
  };
}
