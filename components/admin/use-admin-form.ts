"use client";
// The /admin forms on the kit's one form hook: each runs its server action, shows every refused
// field beside the field and in a summary, and words the outcome in the admin's language.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useErrorText } from "@/components/ui/error-text";
import type { FieldProblem } from "@/components/ui/form-feedback";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionFailure, ActionResult, ActionState } from "@/lib/api/action-result";

/** A server action bound to what it changes (a store, a terminal, a user), taking the form. */
export type FormAction = (state: ActionState, form: FormData) => Promise<ActionResult>;

function failureText(
  t: ReturnType<typeof useTranslations<"Admin.errors">>,
  errorText: ReturnType<typeof useErrorText>,
  failure: ActionFailure,
): string {
  switch (failure.code) {
    case "FORBIDDEN":
    case "UNAUTHENTICATED":
    case "NOT_FOUND":
    case "CONFLICT":
      return t(failure.code);
    case "INTERNAL":
      return t("generic");
    default:
      return errorText.failure(failure);
  }
}

/**
 * `fields` names the form's fields (and the id of each one's control, under the form's own id
 * prefix): their errors show beside them and in the summary.
 */
export function useAdminForm(
  action: FormAction,
  {
    fields = [],
    resetOnSuccess = true,
    onSuccess,
  }: { fields?: string[]; resetOnSuccess?: boolean; onSuccess?: () => void } = {},
) {
  const t = useTranslations("Admin.errors");
  const errorText = useErrorText();
  const id = useId();
  const { state, pending, unreachable, formProps } = useFormAction(action, { resetOnSuccess, onSuccess });
  const failure = state && !state.ok ? state : null;

  /** The refusal of one field in words, if the server named it. */
  function fieldError(field: string): string | undefined {
    const words = errorText.field(failure, field);
    if (words === undefined || !failure) return undefined;
    const key = `fields.${failure.code}.${field}`;
    return t.has(key) ? t(key) : words;
  }

  const problems: FieldProblem[] = fields.flatMap((field) => {
    const message = fieldError(field);
    return message ? [{ id: `${id}-${field}`, message }] : [];
  });
  let message: string | null = null;
  if (unreachable) message = t("generic");
  else if (failure) message = problems.length > 0 ? t("checkFields") : failureText(t, errorText, failure);

  return { id, state, pending, formProps, fieldError, feedback: { state, message, problems } };
}
