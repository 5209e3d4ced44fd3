// The kit's buttons: one look per intent (primary, secondary, danger), at least 44 px tall for a
// thumb, and a submit button that says what it is doing while its form is being sent.
import type { ButtonHTMLAttributes, ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "dangerSolid";
export type ButtonSize = "md" | "lg";

const base =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 focus-visible:ring-blue-600",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 focus-visible:ring-blue-600",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50 focus-visible:ring-red-600",
  dangerSolid: "bg-red-700 text-white hover:bg-red-800 focus-visible:ring-red-600",
};

const sizes: Record<ButtonSize, string> = {
  md: "text-base",
  lg: "min-h-14 text-lg font-semibold",
};

/** The classes of a button (or a link that looks like one). */
export function buttonClass({
  variant = "secondary",
  size = "md",
  block = false,
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
} = {}): string {
  return `${base} ${variants[variant]} ${sizes[size]}${block ? " w-full" : ""}`;
}

type ButtonProps = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
} & ButtonHTMLAttributes<HTMLButtonElement>;

export function Button({ variant, size, block, className = "", type = "button", ...props }: ButtonProps) {
  return <button type={type} className={`${buttonClass({ variant, size, block })} ${className}`} {...props} />;
}

/** A form's submit button: disabled while the form is pending, and saying what it is doing then. */
export function SubmitButton({
  pending,
  pendingLabel,
  variant = "primary",
  disabled = pending,
  children,
  ...props
}: {
  pending: boolean;
  /** Shown instead of the children while pending; without it the label stays. */
  pendingLabel?: ReactNode;
} & Omit<ButtonProps, "type">) {
  return (
    <Button type="submit" variant={variant} disabled={disabled} aria-disabled={pending || undefined} {...props}>
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </Button>
  );
}
