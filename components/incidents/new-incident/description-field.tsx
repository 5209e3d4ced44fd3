"use client";
// What happened, in the cashier's words; a full card number typed here is flagged as it is typed
// (the server masks it anyway).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { TextAreaField } from "@/components/ui/input";
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";

export function DescriptionField({
  id,
  initial,
  error,
}: {
  id: string;
  initial: string | undefined;
  error: string | undefined;
}) {
  const t = useTranslations("NewIncident");
  const [text, setText] = useState(initial ?? "");
  const panTyped = text !== "" && containsPan(text);
  return (
    <TextAreaField
      id={id}
      name="description"
      label={t("description")}
      hint={t("descriptionHint")}
      error={error}
      errorTestId="error-description"
      rows={3}
      maxLength={2000}
      value={text}
      onChange={(event) => setText(event.target.value)}
      describedBy={panTyped ? `${id}-pan-warning` : null}
    >
      <div aria-live="polite">
        {panTyped ? (
          <p
            id={`${id}-pan-warning`}
            data-testid="pan-warning"
            className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          >
            {t("panWarning", { masked: maskPans(text) })}
          </p>
        ) : null}
      </div>
    </TextAreaField>
  );
}
