"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function AddTerminalForm({ action, storeName }: { action: FormAction; storeName: string }) {
  const t = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, { fields: ["tid"] });
  return (
    <form {...formProps} aria-label={`${t("terminals.add")}: ${storeName}`} className="space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="sm:w-72">
          <TextField
            id={`${id}-tid`}
            name="tid"
            label={t("terminals.newTid")}
            hint={t("terminals.tidHint")}
            error={fieldError("tid") ?? fieldError("storeId")}
            maxLength={16}
            pattern="[A-Za-z0-9]{4,16}"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            className="font-mono uppercase"
            required
          />
        </div>
        <SubmitButton pending={pending} pendingLabel={t("saving")} className="sm:mt-6">
          {t("terminals.add")}
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("success.addTerminal")} />
    </form>
  );
}
