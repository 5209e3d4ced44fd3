// The kit's select with its label, hint and error; the options come as children, or for a long
// list as one HTML string (components/ui/options-html.ts).
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
  optionsHtml,
  ...selectProps
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  errorTestId?: string;
} & ({ children: ReactNode; optionsHtml?: never } | { children?: never; optionsHtml: string }) &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "children" | "dangerouslySetInnerHTML">) {
  const control = {
    id,
    name,
    required,
    ...controlAria(id, { hint, error }),
    ...selectProps,
    className: `${controlClass} ${className}`,
  };
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} errorTestId={errorTestId}>
      {optionsHtml === undefined ? (
        <select {...control}>{children}</select>
      ) : (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: optionsHtml escapes every value and label
        <select {...control} dangerouslySetInnerHTML={{ __html: optionsHtml }} />
      )}
    </Field>
  );
}
