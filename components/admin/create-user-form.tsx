"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/admin";
import { RoleAndStores } from "./role-and-stores";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function CreateUserForm({ action, stores }: { action: FormAction; stores: { id: string; name: string }[] }) {
  const t = useTranslations("Admin");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["email", "name", "password", "role", "storeIds"],
  });
  // Bumped when the form resets after a success, so the role and store pickers start over too.
  const [generation, setGeneration] = useState(0);
  return (
    <form
      {...formProps}
      onReset={() => setGeneration((value) => value + 1)}
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t("staff.addHeading")}
      </h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-email`}
          name="email"
          type="email"
          label={t("staff.email")}
          error={fieldError("email")}
          autoComplete="off"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
        />
        <TextField
          id={`${id}-name`}
          name="name"
          label={t("staff.name")}
          error={fieldError("name")}
          autoComplete="off"
          maxLength={100}
          required
        />
        <TextField
          id={`${id}-password`}
          name="password"
          type="password"
          label={t("staff.password")}
          hint={t("staff.passwordHint")}
          error={fieldError("password")}
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={128}
          required
        />
      </div>
      <RoleAndStores
        key={generation}
        idPrefix={id}
        stores={stores}
        initialRole="CASHIER"
        initialStoreIds={[]}
        roleError={fieldError("role")}
        storesError={fieldError("storeIds")}
      />
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("staff.add")}
      </SubmitButton>
      <FormFeedback {...feedback} success={t("success.createUser")} />
    </form>
  );
}
