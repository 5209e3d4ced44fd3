"use client";
// A one-button form (deactivate, reactivate, unlock) with its outcome beside it. A destructive one
// asks first, in the kit's dialog; the server action refuses it without the dialog's `confirm`
// (app/admin/actions.ts), so a browser without JavaScript is shown the same question, rendered
// open by the server, before anything changes.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { type ButtonVariant, SubmitButton } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { FormFeedback } from "@/components/ui/form-feedback";
import { type FormAction, useAdminForm } from "./use-admin-form";

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
}

export function ActionButton({
  action,
  children,
  success,
  variant = "secondary",
  confirm,
}: {
  action: FormAction;
  children: ReactNode;
  success: string;
  variant?: ButtonVariant;
  confirm?: Confirmation;
}) {
  const t = useTranslations("Admin");
  const dialog = useDialog();
  const { id, state, pending, formProps, feedback } = useAdminForm(action, {
    resetOnSuccess: false,
    onSuccess: dialog.close,
  });
  const formId = `${id}-form`;
  // A post without JavaScript came back asking for the confirmation.
  const asked = Boolean(confirm && state && !state.ok && "confirm" in state.fields);

  return (
    <div className="flex flex-col items-start gap-1">
      <form {...formProps} id={formId}>
        <SubmitButton
          pending={pending && !confirm}
          variant={variant}
          className="text-sm"
          onClick={
            confirm
              ? (event) => {
                  event.preventDefault();
                  dialog.show();
                }
              : undefined
          }
        >
          {children}
        </SubmitButton>
      </form>
      <FormFeedback {...feedback} message={asked ? null : feedback.message} success={success} />
      {confirm ? (
        <Dialog
          dialogRef={dialog.ref}
          id={`${id}-dialog`}
          open={asked}
          title={confirm.title}
          cancelLabel={t("confirm.cancel")}
          actions={
            <SubmitButton
              form={formId}
              name="confirm"
              value="yes"
              variant="dangerSolid"
              pending={pending}
              pendingLabel={t("saving")}
            >
              {confirm.confirmLabel}
            </SubmitButton>
          }
        >
          {confirm.body}
        </Dialog>
      ) : null}
    </div>
  );
}
