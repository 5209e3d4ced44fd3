"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormAction, FormFeedback, primaryButton, TextField, useAdminForm, useFieldError } from "./form-kit";

export function CreateStoreForm({ action }: { action: FormAction }) {
  const t = useTranslations("Admin");
  const id = useId();
  const { state, pending, formProps } = useAdminForm(action);
  const fieldError = useFieldError(state);
  return (
    <form
      {...formProps}
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t("stores.addHeading")}
      </h3>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="sm:w-72">
          <TextField
            id={`${id}-name`}
            name="name"
            label={t("stores.name")}
            error={fieldError("name")}
            maxLength={80}
            autoComplete="off"
            required
          />
        </div>
        <SubmitButton pending={pending} pendingLabel={t("saving")} className={`${primaryButton} sm:mt-6`}>
          {t("stores.add")}
        </SubmitButton>
      </div>
      <FormFeedback state={state} success={t("success.createStore")} shownFields={["name"]} />
    </form>
  );
}
