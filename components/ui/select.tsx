// The kit's select with its label, hint and error; the options come as children.
import type { ReactNode, SelectHTMLAttributes } from "react";
import { controlAria, controlClass, Field } from "./field";

export function SelectField({
  id,
  name,
  label,
  hint,
  error,
  errorTestId,
  className = "",
  required,
  children,
  ...selectProps
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  errorTestId?: string;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "children">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} errorTestId={errorTestId}>
      <select
        id={id}
        name={name}
        required={required}
        {...controlAria(id, { hint, error })}
        {...selectProps}
        className={`${controlClass} ${className}`}
      >
        {children}
      </select>
    </Field>
  );
}
