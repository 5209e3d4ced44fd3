"use client";
// What went wrong: the one choice every incident needs, with a tip for the kind chosen (the
// unsigned slip's tip is loud: the customer may still be at the till).
import { useTranslations } from "next-intl";
import { controlAria, controlClass, FieldError, Label } from "@/components/ui/field";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";

function isKind(value: string): value is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(value);
}

export function KindField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (kind: string) => void;
  error: string | undefined;
}) {
  const t = useTranslations("NewIncident");
  const tKinds = useTranslations("Incident.kinds");
  const tip = isKind(value) ? t(`kindTips.${value}`) : null;
  return (
    <div data-field="kind">
      <Label htmlFor={id} required>
        {t("kind")}
      </Label>
      <select
        id={id}
        name="kind"
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...controlAria(id, { hint: tip !== null, error })}
        className={`${controlClass} h-12`}
      >
        <option value="">{t("kindPlaceholder")}</option>
        {INCIDENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {tKinds(kind)}
          </option>
        ))}
      </select>
      {tip ? (
        <p
          id={`${id}-hint`}
          data-testid="kind-tip"
          className={
            value === "unsigned_slip"
              ? "mt-2 rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-base font-semibold text-amber-950"
              : "mt-1 text-sm text-slate-700"
          }
        >
          {tip}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} testId="error-kind" />
    </div>
  );
}
