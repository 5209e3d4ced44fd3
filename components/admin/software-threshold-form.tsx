"use client";
// Issue 9: after how many days without a software update the merchant's terminals are flagged.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { MAX_SOFTWARE_MAX_AGE_DAYS, MIN_SOFTWARE_MAX_AGE_DAYS } from "@/lib/admin/terminal-software";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function SoftwareThresholdForm({ action, maxAgeDays }: { action: FormAction; maxAgeDays: number }) {
  const t = useTranslations("TerminalDetails");
  const tAdmin = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["maxAgeDays"],
    resetOnSuccess: false,
  });
  return (
    <form {...formProps} aria-label={t("threshold.heading")} className="space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="sm:w-72">
          <TextField
            id={`${id}-maxAgeDays`}
            name="maxAgeDays"
            type="number"
            inputMode="numeric"
            min={MIN_SOFTWARE_MAX_AGE_DAYS}
            max={MAX_SOFTWARE_MAX_AGE_DAYS}
            step={1}
            label={t("threshold.label")}
            hint={t("threshold.hint")}
            error={fieldError("maxAgeDays")}
            defaultValue={maxAgeDays}
            required
          />
        </div>
        <SubmitButton pending={pending} pendingLabel={tAdmin("saving")} className="sm:mt-6">
          {t("threshold.save")}
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("threshold.saved")} />
    </form>
  );
}
