"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormAction, FormFeedback, secondaryButton, TextField, useAdminForm, useFieldError } from "./form-kit";

export function RenameStoreForm({ action, storeName }: { action: FormAction; storeName: string }) {
  const t = useTranslations("Admin");
  const id = useId();
  const { state, pending, formProps } = useAdminForm(action, { resetOnSuccess: false });
  const fieldError = useFieldError(state);
  return (
    <form {...formProps} aria-label={t("stores.renameLegend", { store: storeName })} className="space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="sm:w-72">
          <TextField
            // Remounts with the saved name after a rename, so the field shows the current name.
            key={storeName}
            id={`${id}-name`}
            name="name"
            label={t("stores.name")}
            error={fieldError("name")}
            defaultValue={storeName}
            maxLength={80}
            autoComplete="off"
            required
          />
        </div>
        <SubmitButton pending={pending} className={`${secondaryButton} sm:mt-6`}>
          {t("stores.rename")}
          <span className="sr-only"> {storeName}</span>
        </SubmitButton>
      </div>
      <FormFeedback state={state} success={t("success.renameStore")} shownFields={["name"]} />
    </form>
  );
}
