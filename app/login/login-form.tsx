"use client";
// The sign-in form. It posts to a server action, so it works — and the password stays out of
// every URL — before the page's script has loaded or without it; the server checks both fields
// at once and the form keeps the email when the server says no.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInAction } from "./actions";

const FIELDS = ["email", "password"] as const;

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("Login");
  const tCommon = useTranslations("Common.errors");
  const id = useId();
  const { state, pending, unreachable, formProps } = useFormAction(signInAction);
  const failure = state && !state.ok ? state : null;

  const fieldMessage = (field: (typeof FIELDS)[number]) =>
    field === "email" ? t("emailInvalid") : t("passwordRequired");
  const errors = Object.fromEntries(
    FIELDS.filter((field) => failure?.fields[field]).map((field) => [field, fieldMessage(field)]),
  ) as Partial<Record<(typeof FIELDS)[number], string>>;
  const problems = FIELDS.filter((field) => errors[field]).map((field) => ({
    id: `${id}-${field}`,
    message: errors[field] as string,
  }));

  let message: string | null = null;
  if (unreachable) message = tCommon("generic");
  else if (failure && problems.length > 0) message = t("checkFields");
  // One message for a wrong email and a wrong password alike.
  else if (failure)
    message = failure.code === "LOCKED" ? t("locked") : failure.code === "INTERNAL" ? tCommon("generic") : t("invalid");

  return (
    <form {...formProps} className="space-y-5" aria-busy={pending}>
      <input type="hidden" name="next" value={next} />
      <FormFeedback
        state={message ? (failure ?? state) : null}
        message={message}
        problems={problems}
        testId="login-error"
      />
      {FIELDS.map((field) => (
        <TextField
          key={field}
          id={`${id}-${field}`}
          name={field}
          label={t(field)}
          error={errors[field]}
          type={field}
          defaultValue={field === "email" ? failure?.email : undefined}
          autoComplete={field === "email" ? "username" : "current-password"}
          inputMode={field === "email" ? "email" : undefined}
          autoCapitalize="none"
          spellCheck={false}
          required
          className="h-12"
        />
      ))}
      <SubmitButton pending={pending} pendingLabel={t("submitting")} size="lg" block>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
