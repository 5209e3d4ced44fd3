// A form control with its label, hint and error, tied together by ids: the control is `id`, its
// hint `${id}-hint` and its error `${id}-error`, and aria-describedby names the ones shown. A
// required field says so in its label (and the control carries `required`).
import { useTranslations } from "next-intl";
import type { HTMLAttributes, ReactNode } from "react";

/** The look of every text input, select and textarea: 44 px tall at least, for a thumb. */
export const controlClass =
  "block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 disabled:bg-slate-100 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";
export const labelClass = "mb-1 block text-sm font-medium text-slate-800";
export const hintClass = "mt-1 text-sm text-slate-600";
const errorClass = "mt-1 text-sm font-medium text-red-700";

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

export function FieldError({ id, message, testId }: { id: string; message: string | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p id={id} data-testid={testId} className={errorClass}>
      {message}
    </p>
  );
}

/** The visible "required" beside a label; the control's own `required` tells assistive technology. */
export function RequiredMark() {
  const t = useTranslations("Common.form");
  return (
    <span aria-hidden="true" className="ml-1.5 text-xs font-normal text-red-800">
      ({t("required")})
    </span>
  );
}

/** A label, marked when its field must be filled. */
export function Label({ htmlFor, required, children }: { htmlFor: string; required?: boolean; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className={labelClass}>
      {children}
      {required ? <RequiredMark /> : null}
    </label>
  );
}

export function Hint({ id, children, testId }: { id: string; children: ReactNode; testId?: string }) {
  return (
    <p id={`${id}-hint`} data-testid={testId} className={hintClass}>
      {children}
    </p>
  );
}

/** The label, the control (children), its hint and its error. */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  errorTestId,
  children,
  ...wrapperProps
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  required?: boolean;
  errorTestId?: string;
  children: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...wrapperProps}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      {children}
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`} message={error} testId={errorTestId} />
    </div>
  );
}
