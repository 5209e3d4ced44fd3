// A refused file's line errors in the reader's language. The parser gives each error a reason and
// its parameters (messages/<locale>/import-errors.json); `message` stays the English text.
import "server-only";
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import type { RowError } from "@/lib/reconciliation/types";

export async function translateRowErrors(errors: RowError[], locale: Locale): Promise<RowError[]> {
  const messages = (await import(`@/messages/${locale}/import-errors.json`)).default as Record<string, unknown>;
  const t = createTranslator({ locale, messages });
  return errors.map((error) => {
    const key = `ImportErrors.${error.reason}`;
    if (!error.reason || !t.has(key as never)) return error;
    return { ...error, message: t(key as never, (error.params ?? {}) as never) };
  });
}
