// Text inputs and text areas of the kit, each with its label, hint and error (components/ui/field).
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { controlAria, controlClass, Field } from "./field";

interface FieldProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  errorTestId?: string;
}

/** A labelled text input; `className` adds to the kit's look (width, font). */
export function TextField({
  id,
  name,
  label,
  hint,
  error,
  errorTestId,
  className = "",
  required,
  ...inputProps
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} errorTestId={errorTestId}>
      <input
        id={id}
        name={name}
        required={required}
        {...controlAria(id, { hint, error })}
        {...inputProps}
        className={`${controlClass} ${className}`}
      />
    </Field>
  );
}

/** A labelled text area. */
export function TextAreaField({
  id,
  name,
  label,
  hint,
  error,
  errorTestId,
  className = "",
  required,
  describedBy,
  children,
  ...areaProps
}: FieldProps & {
  /** Another element describing the field (a live warning under it). */
  describedBy?: string | null;
  children?: ReactNode;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "children">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} errorTestId={errorTestId}>
      <textarea
        id={id}
        name={name}
        required={required}
        {...controlAria(id, { hint, error, extra: describedBy })}
        {...areaProps}
        className={`${controlClass} ${className}`}
      />
      {children}
    </Field>
  );
}
