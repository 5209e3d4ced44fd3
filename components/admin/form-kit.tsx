"use client";
// The small pieces every /admin form shares: running a server action without React's automatic
// form reset (so a rejected form keeps what was typed), per-field errors in the user's language,
// and one live region for the outcome.
import { useTranslations } from "next-intl";
import {
  type ComponentProps,
  type FormEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useEffect,
  useRef,
} from "react";
import { TextField as BaseTextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFailure, ActionResult, ActionState } from "@/lib/api/server-action";

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionResult>;
export type ButtonAction = (state: ActionState) => Promise<ActionResult>;

export const inputClass =
  "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600";
export const labelClass = "block text-sm font-medium text-slate-800";
export const hintClass = "mt-1 text-sm text-slate-600";
export const primaryButton =
  "inline-flex min-h-11 items-center justify-center rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 disabled:opacity-60";
export const secondaryButton =
  "inline-flex min-h-11 items-center justify-center rounded border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-600 disabled:opacity-60";
export const dangerButton =
  "inline-flex min-h-11 items-center justify-center rounded border border-red-300 bg-white px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-red-600 disabled:opacity-60";

/**
 * Runs a form's server action; clears the form after a success (unless it edits something that
 * stays on screen), and focuses the first bad field after a failure.
 */
export function useAdminForm(action: FormAction, { resetOnSuccess = true }: { resetOnSuccess?: boolean } = {}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      if (resetOnSuccess) formRef.current?.reset();
      return;
    }
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    // A group of checkboxes is marked invalid as a whole: focus its first box.
    (invalid?.matches("fieldset") ? invalid.querySelector<HTMLElement>("input") : invalid)?.focus();
  }, [state, resetOnSuccess]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting through a transition keeps React from resetting the form when the server says no.
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  return { state, pending, formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true } };
}

/** The translated message for one field of a failed submission, if it names that field. */
export function useFieldError(state: ActionState) {
  const t = useTranslations("Admin.errors");
  return (field: string): string | undefined => {
    if (!state || state.ok) return undefined;
    const server = state.fields[field];
    if (server === undefined) return undefined;
    const key = `fields.${state.code}.${field}`;
    return t.has(key) ? t(key) : server;
  };
}

function failureText(
  t: ReturnType<typeof useTranslations<"Admin.errors">>,
  failure: ActionFailure,
  shownFields: string[],
) {
  if (shownFields.some((field) => field in failure.fields)) return t("checkFields");
  for (const field of Object.keys(failure.fields)) {
    const key = `fields.${failure.code}.${field}`;
    if (t.has(key)) return t(key);
  }
  switch (failure.code) {
    case "FORBIDDEN":
    case "UNAUTHENTICATED":
    case "NOT_FOUND":
    case "CONFLICT":
      return t(failure.code);
    case "INTERNAL":
      return t("generic");
    case "BAD_REQUEST":
    case "RULE_VIOLATION":
    case "LOCKED":
    case "PAYLOAD_TOO_LARGE":
    case "DUPLICATE_SUSPECTED":
      return failure.message;
    default:
      return failure.code satisfies never;
  }
}

/** The outcome of the last submission: success text, or what went wrong (a summary when fields say it). */
export function FormFeedback({
  state,
  success,
  shownFields = [],
}: {
  state: ActionState;
  success: string;
  shownFields?: string[];
}) {
  const t = useTranslations("Admin.errors");
  return (
    <div aria-live="polite" className="empty:hidden">
      {state?.ok ? (
        <p key={state.at} role="status" className="text-sm font-medium text-green-800">
          {success}
        </p>
      ) : state ? (
        <p key={state.at} role="alert" data-error-code={state.code} className="text-sm font-medium text-red-800">
          {failureText(t, state, shownFields)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input in the /admin style. */
export function TextField(props: ComponentProps<typeof BaseTextField>) {
  return <BaseTextField className={inputClass} {...props} />;
}

/** Whether a terminal or a member of staff is in service. */
export function ActiveBadge({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <span
      className={
        active ? "rounded bg-green-100 px-2 py-0.5 text-green-900" : "rounded bg-slate-200 px-2 py-0.5 text-slate-800"
      }
    >
      {children}
    </span>
  );
}

/** A one-button form (deactivate, reactivate, unlock) with its own outcome beside it. */
export function ActionButton({
  action,
  children,
  success,
  className = secondaryButton,
}: {
  action: ButtonAction;
  children: ReactNode;
  success: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <SubmitButton pending={pending} className={className}>
        {children}
      </SubmitButton>
      <FormFeedback state={state} success={success} />
    </form>
  );
}
