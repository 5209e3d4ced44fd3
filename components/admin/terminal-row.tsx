"use client";
// One terminal in a store's table: its TID and state, its recorded details with the software flag
// (issue 9) and their edit form, a move to another store, and taking it out of service (after a
// confirmation) or back in.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { controlAria, controlClass, FieldError } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import type { AdminTerminalDto } from "@/lib/schemas/admin";
import { ActionButton } from "./action-button";
import { SoftwareStatusBadge } from "./software-status";
import { TerminalDetailsForm } from "./terminal-details-form";
import { type FormAction, useAdminForm } from "./use-admin-form";

export function TerminalRow({
  terminal,
  otherStores,
  moveAction,
  toggleAction,
  detailsAction,
}: {
  terminal: AdminTerminalDto;
  otherStores: { id: string; name: string }[];
  moveAction: FormAction;
  toggleAction: FormAction;
  detailsAction: FormAction;
}) {
  const t = useTranslations("Admin");
  const tDetails = useTranslations("TerminalDetails");
  const notRecorded = tDetails("notRecorded");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(moveAction, { fields: ["storeId"] });
  const moveError = fieldError("storeId");
  return (
    <tr className="border-t border-slate-200 align-top">
      <th scope="row" className="py-3 pr-3 text-left font-mono font-semibold">
        {terminal.tid}
      </th>
      <td className="py-3 pr-3">
        <Badge tone={terminal.active ? "success" : "neutral"}>
          {terminal.active ? t("terminals.active") : t("terminals.inactive")}
        </Badge>
      </td>
      <td className="py-3 pr-3" data-testid={`terminal-details-${terminal.tid}`}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-sm">
          <dt className="text-slate-600">{tDetails("model")}</dt>
          <dd>{terminal.model ?? notRecorded}</dd>
          <dt className="text-slate-600">{tDetails("softwareVersion")}</dt>
          <dd>{terminal.softwareVersion ?? notRecorded}</dd>
          <dt className="text-slate-600">{tDetails("softwareUpdatedAt")}</dt>
          <dd>{terminal.softwareUpdatedAt ?? notRecorded}</dd>
          <dt className="text-slate-600">{tDetails("supportContact")}</dt>
          <dd className="break-words">{terminal.supportContact ?? notRecorded}</dd>
        </dl>
        <div className="mt-1">
          <SoftwareStatusBadge status={terminal.softwareStatus} />
        </div>
        <details className="mt-2">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-blue-800 underline">
            {tDetails("edit")}
            <span className="sr-only"> {terminal.tid}</span>
          </summary>
          <TerminalDetailsForm terminal={terminal} action={detailsAction} />
        </details>
      </td>
      <td className="py-3">
        <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
          {otherStores.length > 0 ? (
            <form {...formProps} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
                <label htmlFor={`${id}-storeId`} className="whitespace-nowrap text-sm text-slate-700">
                  {t("terminals.moveTo")}
                  <span className="sr-only"> ({terminal.tid})</span>
                </label>
                <select
                  id={`${id}-storeId`}
                  name="storeId"
                  {...controlAria(`${id}-storeId`, { error: moveError })}
                  className={`${controlClass} w-auto min-w-28`}
                >
                  {otherStores.map((store) => (
                    <option key={store.id} value={store.id}>
                      {store.name}
                    </option>
                  ))}
                </select>
                <SubmitButton pending={pending} variant="secondary" className="text-sm">
                  {t("terminals.move")}
                  <span className="sr-only"> {terminal.tid}</span>
                </SubmitButton>
              </div>
              <FieldError id={`${id}-storeId-error`} message={moveError} />
              <FormFeedback {...feedback} success={t("success.moveTerminal")} />
            </form>
          ) : null}
          <ActionButton
            action={toggleAction}
            variant={terminal.active ? "danger" : "secondary"}
            success={terminal.active ? t("success.terminalReactivated") : t("success.terminalDeactivated")}
            confirm={
              terminal.active
                ? {
                    title: t("confirm.terminalTitle", { tid: terminal.tid }),
                    body: t("confirm.terminalBody"),
                    confirmLabel: t("confirm.terminalConfirm"),
                  }
                : undefined
            }
          >
            {terminal.active ? t("terminals.deactivate") : t("terminals.reactivate")}
            <span className="sr-only"> {terminal.tid}</span>
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}
