"use client";
// The casework forms (complete or skip a step, close, reopen, reconcile) on the kit's one form
// hook. They call their server action with the version the page was rendered with, so they run
// once the page is hydrated (the submit button waits for it) and post nothing without it. The
// refused fields show beside each field and in the summary, in this area's words.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useErrorText } from "@/components/ui/error-text";
import type { FieldProblem } from "@/components/ui/form-feedback";
import { useFormAction } from "@/components/ui/use-form-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionFailure, ActionResult } from "@/lib/api/action-result";

/** This area's wording of a refused field, by the reason the server gave. */
const FIELD_WORDING: Record<string, string> = {
  SKIP_NEEDS_NOTE: "noteRequired",
  REOPEN_NEEDS_NOTE: "reopenNoteRequired",
  CONTACT_METHOD_REQUIRED: "contactMethodRequired",
  IDENTITY_NOT_VERIFIED: "identityRequired",
  CAUSE_OTHER_NEEDS_NOTE: "causeOtherNote",
};

export function useCaseworkForm(
  send: (form: FormData) => Promise<ActionResult>,
  {
    fields = [],
    wording = {},
    onSuccess,
  }: {
    fields?: string[];
    /** A field's wording in this form, whatever the reason (e.g. "reopenNoteRequired" for its note). */
    wording?: Record<string, string>;
    onSuccess?: () => void;
  } = {},
) {
  const t = useTranslations("IncidentDetail.errors");
  const errorText = useErrorText();
  const id = useId();
  const hydrated = useHydrated();
  const { state, pending, unreachable, formProps } = useFormAction((_state, form) => send(form), {
    javaScriptOnly: true,
    onSuccess,
    // Done: the page shows the next step, whose form starts empty.
    resetOnSuccess: true,
  });
  const failure: ActionFailure | null = state && !state.ok ? state : null;

  function fieldError(field: string): string | undefined {
    const words = errorText.field(failure, field) ?? failure?.fields[field];
    if (words === undefined || !failure) return undefined;
    if (wording[field]) return t(wording[field]);
    const own = FIELD_WORDING[failure.fieldReasons[field]?.reason ?? ""];
    if (own) return t(own);
    if (field === "resolution") return t("resolutionRequired");
    return words;
  }

  const problems: FieldProblem[] = fields.flatMap((field) => {
    const message = fieldError(field);
    return message ? [{ id: `${id}-${field}`, message }] : [];
  });

  let message: string | null = null;
  if (unreachable) message = t("generic");
  else if (failure) {
    switch (failure.code) {
      case "CONFLICT":
        message = t("conflict");
        break;
      case "FORBIDDEN":
        message = t("forbidden");
        break;
      case "NOT_FOUND":
        message = t("notFound");
        break;
      case "UNAUTHENTICATED":
        message = t("signedOut");
        break;
      case "INTERNAL":
        message = t("generic");
        break;
      default:
        // The first field's words, or the failure's.
        message = problems[0]?.message ?? (failure.message ? errorText.failure(failure) : "");
    }
  }

  return {
    id,
    pending,
    /** Holds the submit button until the page has hydrated and while the action runs. */
    busy: pending || !hydrated,
    formProps,
    fieldError,
    feedback: { state, message, problems },
  };
}

/** A refusal made in the browser, for the fields the server would name one at a time. */
export function localFailure(fields: Record<string, { reason: string; words: string }>): ActionFailure {
  return {
    ok: false,
    at: Date.now(),
    code: "BAD_REQUEST",
    reason: "INVALID_INPUT",
    params: {},
    message: "",
    fields: Object.fromEntries(Object.entries(fields).map(([field, { words }]) => [field, words])),
    fieldReasons: Object.fromEntries(Object.entries(fields).map(([field, { reason }]) => [field, { reason }])),
  };
}
