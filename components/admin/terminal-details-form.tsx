"use client";
// Issue 9: the admin records a terminal's model, software version, the day its software was last
// updated and the provider's support contact. Every field is sent; an empty one clears it.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import type { AdminTerminalDto } from "@/lib/schemas/admin";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function TerminalDetailsForm({ terminal, action }: { terminal: AdminTerminalDto; action: FormAction }) {
  const t = useTranslations("TerminalDetails");
  const tAdmin = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["model", "softwareVersion", "softwareUpdatedAt", "supportContact"],
    resetOnSuccess: false,
  });
  return (
    <form {...formProps} aria-label={t("formLabel", { tid: terminal.tid })} className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField
          id={`${id}-model`}
          name="model"
          label={t("model")}
          error={fieldError("model")}
          defaultValue={terminal.model ?? ""}
          maxLength={80}
          autoComplete="off"
        />
        <TextField
          id={`${id}-softwareVersion`}
          name="softwareVersion"
          label={t("softwareVersion")}
          error={fieldError("softwareVersion")}
          defaultValue={terminal.softwareVersion ?? ""}
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id={`${id}-softwareUpdatedAt`}
          name="softwareUpdatedAt"
          type="date"
          label={t("softwareUpdatedAt")}
          hint={t("softwareUpdatedAtHint")}
          error={fieldError("softwareUpdatedAt")}
          defaultValue={terminal.softwareUpdatedAt ?? ""}
        />
        <TextField
          id={`${id}-supportContact`}
          name="supportContact"
          label={t("supportContact")}
          hint={t("supportContactHint")}
          error={fieldError("supportContact")}
          defaultValue={terminal.supportContact ?? ""}
          maxLength={200}
          autoComplete="off"
        />
      </div>
      <SubmitButton pending={pending} pendingLabel={tAdmin("saving")} variant="secondary" className="text-sm">
        {t("save")}
        <span className="sr-only"> {terminal.tid}</span>
      </SubmitButton>
      <FormFeedback {...feedback} success={t("saved")} />
    </form>
  );
}
