"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInSchema } from "@/lib/schemas/incident";

type FieldName = "email" | "password";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("Login");
  const tCommon = useTranslations("Common.errors");
  const id = useId();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});

  const fieldMessage = (field: FieldName) => (field === "email" ? t("emailInvalid") : t("passwordRequired"));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") };
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "email" || field === "password") errors[field] ??= fieldMessage(field);
      }
      setFieldErrors(errors);
      setMessage(null);
      focusFirstInvalid(errors);
      return;
    }

    setPending(true);
    setFieldErrors({});
    setMessage(null);
    try {
      const response = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(parsed.data),
      });
      if (response.ok) {
        // A full navigation, so the header and every server component see the new session.
        window.location.assign(next);
        return;
      }
      if (response.status === 429) {
        setMessage(t("locked"));
      } else if (response.status === 400) {
        const body = (await response.json().catch(() => null)) as {
          error?: { fields?: Record<string, string> };
        } | null;
        const errors: Partial<Record<FieldName, string>> = {};
        for (const field of Object.keys(body?.error?.fields ?? {})) {
          if (field === "email" || field === "password") errors[field] = fieldMessage(field);
        }
        if (Object.keys(errors).length > 0) {
          setFieldErrors(errors);
          focusFirstInvalid(errors);
        } else {
          setMessage(t("invalid"));
        }
      } else if (response.status === 401) {
        setMessage(t("invalid"));
      } else {
        setMessage(tCommon("generic"));
      }
    } catch {
      setMessage(tCommon("generic"));
    }
    setPending(false);
  }

  function focusFirstInvalid(errors: Partial<Record<FieldName, string>>) {
    const first = (["email", "password"] as const).find((field) => errors[field]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  }

  const inputClass =
    "block h-12 w-full rounded-md border bg-white px-3 text-base text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-600";

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-busy={pending}>
      <div aria-live="assertive" role="alert" data-testid="login-error" className="empty:hidden">
        {message ? (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>
        ) : null}
      </div>
      {(["email", "password"] as const).map((field) => {
        const error = fieldErrors[field];
        return (
          <TextField
            key={field}
            id={`${id}-${field}`}
            name={field}
            label={t(field)}
            error={error}
            type={field}
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
