"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function RenameStoreForm({ action, storeName }: { action: FormAction; storeName: string }) {
  const t = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["name"],
    resetOnSuccess: false,
  });
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
        <SubmitButton pending={pending} variant="secondary" className="sm:mt-6">
          {t("stores.rename")}
          <span className="sr-only"> {storeName}</span>
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("success.renameStore")} />
    </form>
  );
}
