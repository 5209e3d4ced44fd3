// A form control with its label, hint and error, tied together by ids: the control is `id`, its
// hint `${id}-hint` and its error `${id}-error`, and aria-describedby names the ones shown.
import type { HTMLAttributes, InputHTMLAttributes, ReactNode } from "react";

const labelClass = "mb-1 block text-sm font-medium text-slate-800";
const hintClass = "mt-1 text-sm text-slate-600";
const errorClass = "mt-1 text-sm text-red-700";

/** aria-describedby for a control: its hint, its error and anything else, or nothing. */
function describedBy(
  id: string,
  { hint, error, extra }: { hint?: unknown; error?: unknown; extra?: string | null },
): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra].filter(Boolean).join(" ") || undefined;
}

/** The ARIA wiring of a control, to spread onto it. */
export function controlAria(
  id: string,
  { hint, error, extra }: { hint?: unknown; error?: unknown; extra?: string | null },
) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, { hint, error, extra }),
  } as const;
}

export function FieldError({
  id,
  message,
  className = errorClass,
  testId,
}: {
  id: string;
  message: string | undefined;
  className?: string;
  testId?: string;
}) {
  if (!message) return null;
  return (
    <p id={id} data-testid={testId} className={className}>
      {message}
    </p>
  );
}

/** The label, the control (children), its hint and its error. */
export function Field({
  id,
  label,
  hint,
  error,
  errorClassName,
  errorTestId,
  children,
  ...wrapperProps
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  errorClassName?: string;
  errorTestId?: string;
  children: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...wrapperProps}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} className={errorClassName} testId={errorTestId} />
    </div>
  );
}

/** A labelled text input with its hint and error wired up. */
export function TextField({
  id,
  name,
  label,
  hint,
  error,
  ...inputProps
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} {...controlAria(id, { hint, error })} {...inputProps} />
    </Field>
  );
}
