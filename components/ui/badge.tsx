// The kit's badge: a small pill whose text carries the meaning and whose tone only reinforces it.
import type { HTMLAttributes, ReactNode } from "react";

export type BadgeTone = "neutral" | "muted" | "info" | "warning" | "success" | "danger";

const TONES = {
  neutral: "border-slate-300 bg-slate-100 text-slate-800",
  muted: "border-slate-200 bg-slate-50 text-slate-700",
  info: "border-blue-300 bg-blue-50 text-blue-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  success: "border-green-300 bg-green-50 text-green-900",
  danger: "border-red-300 bg-red-50 text-red-800",
} as const satisfies Record<BadgeTone, string>;

export function Badge({
  tone = "neutral",
  className = "",
  children,
  ...props
}: { tone?: BadgeTone; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[tone]} ${className}`}
      {...props}
    >
      {children}
    </span>
  );
}
