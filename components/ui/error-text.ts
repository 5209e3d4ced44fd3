"use client";
// An error in the reader's words, in the browser: a failure's reason and parameters (and each
// refused field's) worded from the catalogue in messages/<locale>/errors.json — the same wording
// the server gives the API (lib/errors/format.ts does both), so switching language re-words an
// answer already on screen. Forms and the form-feedback component take their texts from here.
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ActionFailure } from "@/lib/api/action-result";
import { type ErrorTranslator, formatErrorMessage } from "@/lib/errors/format";
import type { ErrorMessageData } from "@/lib/errors/messages";

export interface ErrorText {
  /** Any message of the catalogue in words. */
  message: (message: ErrorMessageData) => string;
  /** What a failure says as a whole. */
  failure: (failure: ActionFailure) => string;
  /** What a failure says about one field, or undefined when it does not name that field. */
  field: (failure: ActionFailure | null | undefined, field: string) => string | undefined;
  /** What a failure says about every field it names. */
  fields: (failure: ActionFailure) => Record<string, string>;
}

export function useErrorText(): ErrorText {
  const t = useTranslations() as unknown as ErrorTranslator;
  const locale = useLocale();
  return useMemo(() => {
    const message = (data: ErrorMessageData) => formatErrorMessage(t, locale, data);
    const field = (failure: ActionFailure | null | undefined, name: string) => {
      const data = failure?.fieldReasons?.[name];
      return data ? formatErrorMessage(t, locale, data, "INVALID_VALUE") : undefined;
    };
    return {
      message,
      failure: (failure) => message({ reason: failure.reason, params: failure.params }),
      field,
      fields: (failure) =>
        Object.fromEntries(Object.keys(failure.fieldReasons ?? {}).map((name) => [name, field(failure, name) ?? ""])),
    };
  }, [t, locale]);
}
