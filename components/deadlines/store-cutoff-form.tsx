"use client";
// One store's daily batch cut-off (HH:MM on the shop's clock): a wrong amount or card must be
// voided before it.
import { useTranslations } from "next-intl";
import { type FormAction, useAdminForm } from "@/components/admin/use-admin-form";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";

export function StoreCutoffForm({
  action,
  storeName,
  cutoffTime,
}: {
  action: FormAction;
  storeName: string;
  cutoffTime: string;
}) {
  const t = useTranslations("Deadlines");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["cutoffTime"],
    resetOnSuccess: false,
  });
  return (
    <form {...formProps} aria-label={t("cutoffs.formLabel", { store: storeName })} className="space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="sm:w-56">
          <TextField
            // Remounts with the saved time after a change.
            key={cutoffTime}
            id={`${id}-cutoffTime`}
            name="cutoffTime"
            type="time"
            step={60}
            label={t("cutoffs.label", { store: storeName })}
            error={fieldError("cutoffTime")}
            defaultValue={cutoffTime}
            required
          />
        </div>
        <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary" className="sm:mt-6">
          {t("cutoffs.save")}
          <span className="sr-only"> {storeName}</span>
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("cutoffs.saved")} />
    </form>
  );
}
