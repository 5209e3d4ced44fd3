"use client";
// The sign-in form. It posts to a server action, so it works — and the password stays out of
// every URL — before the page's script has loaded or without it; once hydrated, it checks the
// fields with the shared schema before sending and keeps the email when the server says no.

import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInSchema } from "@/lib/schemas/incident";
import { type SignInState, signInAction } from "./actions";

const FIELDS = ["email", "password"] as const;
type FieldName = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<FieldName, string>>;

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("Login");
  const tCommon = useTranslations("Common.errors");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { state, formAction, pending, submit, unreachable } = useFormAction(signInAction);
  // The browser's own check of the fields, when it found something; else the server's answer.
  const [checked, setChecked] = useState<FieldErrors | null>(null);
  // An answer the user has moved past by submitting again.
  const [seen, setSeen] = useState<SignInState | null>(null);
  const answer = state !== seen ? state : null;

  const fieldMessage = (field: FieldName) => (field === "email" ? t("emailInvalid") : t("passwordRequired"));
  const errors: FieldErrors =
    checked ?? Object.fromEntries(FIELDS.filter((field) => answer?.fields[field]).map((f) => [f, fieldMessage(f)]));

  let message: string | null = null;
  if (checked) message = null;
  else if (unreachable) message = tCommon("generic");
  else if (answer && Object.keys(errors).length === 0) {
    // One message for a wrong email and a wrong password alike.
    message = answer.code === "LOCKED" ? t("locked") : answer.code === "INTERNAL" ? tCommon("generic") : t("invalid");
  }

  // After a refusal that names fields, the first of them takes the focus.
  useEffect(() => {
    if (!answer && !checked) return;
    const first = FIELDS.find((field) => (checked ?? answer?.fields)?.[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [answer, checked]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    setSeen(state);
    if (!parsed.success) {
      const invalid = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setChecked(Object.fromEntries(FIELDS.filter((field) => invalid.has(field)).map((f) => [f, fieldMessage(f)])));
      return;
    }
    setChecked(null);
    submit(form);
  }

  const inputClass =
    "block h-12 w-full rounded-md border bg-white px-3 text-base text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-600";

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={pending}>
      <input type="hidden" name="next" value={next} />
      <div aria-live="assertive" role="alert" data-testid="login-error" className="empty:hidden">
        {message ? (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>
        ) : null}
      </div>
      {FIELDS.map((field) => {
        const error = errors[field];
        return (
          <TextField
            key={field}
            id={`${id}-${field}`}
            name={field}
            label={t(field)}
            error={error}
            type={field}
            defaultValue={field === "email" ? state?.email : undefined}
            autoComplete={field === "email" ? "username" : "current-password"}
            inputMode={field === "email" ? "email" : undefined}
            autoCapitalize="none"
            spellCheck={false}
            required
            className={`${inputClass} ${error ? "border-red-600" : "border-slate-400"}`}
          />
        );
      })}
      <SubmitButton
        pending={pending}
        pendingLabel={t("submitting")}
        className="h-12 w-full rounded-md bg-blue-700 px-4 text-base font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 disabled:opacity-70"
      >
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
