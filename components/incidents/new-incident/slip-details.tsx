"use client";
// The slip's other details, folded away: most incidents are logged without them. Opened when one
// of them was refused. The time defaults to now once the page runs in the browser; it is sent only
// if the cashier changed it (the server takes "now" otherwise).
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { TextField } from "@/components/ui/input";
import type { IncidentFormField } from "@/lib/schemas/incident-form";
import type { FieldErrors } from "./use-incident-feedback";

/** The fields inside the disclosure. */
export const DETAIL_FIELDS: readonly IncidentFormField[] = [
  "occurredAt",
  "cardBin",
  "authCode",
  "traceNo",
  "batchNo",
  "currency",
];

/** "YYYY-MM-DDTHH:mm" in the browser's time zone, as a datetime-local input wants it. */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function SlipDetails({
  idOf,
  initial,
  errors,
  open,
  onToggle,
  onTimeEdited,
}: {
  idOf: (field: IncidentFormField) => string;
  initial: Partial<Record<IncidentFormField, string>>;
  errors: FieldErrors;
  open: boolean;
  onToggle: (open: boolean) => void;
  onTimeEdited: () => void;
}) {
  const t = useTranslations("NewIncident");
  const [occurredAt, setOccurredAt] = useState(initial.occurredAt ?? "");

  // Filled in after hydration so the server and the browser render the same markup.
  useEffect(() => {
    setOccurredAt((current) => current || localDateTime(new Date()));
  }, []);

  const code = (field: IncidentFormField, label: string, maxLength: number, numeric: boolean) => (
    <TextField
      id={idOf(field)}
      name={field}
      label={label}
      error={errors[field]}
      errorTestId={`error-${field}`}
      defaultValue={initial[field]}
      inputMode={numeric ? "numeric" : undefined}
      autoCapitalize={numeric ? undefined : "characters"}
      autoComplete="off"
      maxLength={maxLength}
      className={`h-12 font-mono${numeric ? "" : " uppercase"}`}
    />
  );

  return (
    <details
      open={open}
      onToggle={(event) => onToggle(event.currentTarget.open)}
      className="group rounded-md border border-slate-300 bg-white"
    >
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-3 text-base font-medium text-slate-900 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {t("more")}
      </summary>
      <div className="grid grid-cols-1 gap-4 border-t border-slate-200 p-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField
            id={idOf("occurredAt")}
            name="occurredAt"
            type="datetime-local"
            label={t("occurredAt")}
            hint={t("occurredAtHint")}
            error={errors.occurredAt}
            errorTestId="error-occurredAt"
            value={occurredAt}
            onChange={(event) => {
              onTimeEdited();
              setOccurredAt(event.target.value);
            }}
            className="h-12"
          />
        </div>
        {code("cardBin", t("cardBin"), 6, true)}
        {code("authCode", t("authCode"), 6, false)}
        {code("traceNo", t("traceNo"), 6, true)}
        {code("batchNo", t("batchNo"), 6, true)}
        <TextField
          id={idOf("currency")}
          name="currency"
          label={t("currency")}
          error={errors.currency}
          errorTestId="error-currency"
          defaultValue={initial.currency || "CNY"}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={3}
          className="h-12 max-w-32 font-mono uppercase"
        />
      </div>
    </details>
  );
}
