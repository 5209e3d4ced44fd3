"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormAction, FormFeedback, primaryButton, TextField, useAdminForm, useFieldError } from "./form-kit";

export function AddTerminalForm({ action, storeName }: { action: FormAction; storeName: string }) {
  const t = useTranslations("Admin");
  const id = useId();
  const { state, pending, formProps } = useAdminForm(action);
  const fieldError = useFieldError(state);
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
            className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-base uppercase text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600"
            required
          />
        </div>
        <SubmitButton pending={pending} pendingLabel={t("saving")} className={`${primaryButton} sm:mt-6`}>
          {t("terminals.add")}
        </SubmitButton>
      </div>
      <FormFeedback state={state} success={t("success.addTerminal")} shownFields={["tid", "storeId"]} />
    </form>
  );
}
