"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function CreateStoreForm({ action }: { action: FormAction }) {
  const t = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, { fields: ["name"] });
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
        <SubmitButton pending={pending} pendingLabel={t("saving")} className="sm:mt-6">
          {t("stores.add")}
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("success.createStore")} />
    </form>
  );
}
