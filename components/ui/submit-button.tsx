// A form's submit button: disabled while the form is pending, and saying what it is doing then.
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function SubmitButton({
  pending,
  pendingLabel,
  disabled = pending,
  children,
  ...buttonProps
}: {
  pending: boolean;
  /** Shown instead of the children while pending; without it the label stays. */
  pendingLabel?: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type">) {
  return (
    <button type="submit" disabled={disabled} {...buttonProps}>
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </button>
  );
}
