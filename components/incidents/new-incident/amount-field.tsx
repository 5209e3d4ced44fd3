"use client";
// The amount on the slip, with its currency beside it; large for the kinds where the amount is
// the heart of the case.
import { useTranslations } from "next-intl";
import { controlAria, controlClass, Field } from "@/components/ui/field";

export function AmountField({
  id,
  initial,
  currency,
  large,
  error,
}: {
  id: string;
  initial: string | undefined;
  currency: string;
  large: boolean;
  error: string | undefined;
}) {
  const t = useTranslations("NewIncident");
  return (
    <Field id={id} label={t("amount")} hint={t("amountHint")} error={error} errorTestId="error-amount">
      <div className="relative">
        <input
          id={id}
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          // A hint to the keyboard and to :invalid styling; the server decides.
          pattern="\d{1,10}([.]\d{1,2})?"
          defaultValue={initial}
          {...controlAria(id, { hint: true, error })}
          className={`${controlClass} pr-16 tabular-nums ${large ? "h-16 text-3xl font-semibold" : "h-12"}`}
        />
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm font-medium text-slate-600"
        >
          {currency.toUpperCase() || "CNY"}
        </span>
      </div>
    </Field>
  );
}
