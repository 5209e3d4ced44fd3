"use client";
// One terminal in a store's table: its TID and state, a move to another store, and taking it out
// of service or back in.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { controlAria, FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AdminTerminalDto } from "@/lib/schemas/admin";
import {
  ActionButton,
  ActiveBadge,
  type ButtonAction,
  dangerButton,
  type FormAction,
  FormFeedback,
  inputClass,
  secondaryButton,
  useAdminForm,
  useFieldError,
} from "./form-kit";

export function TerminalRow({
  terminal,
  otherStores,
  moveAction,
  toggleAction,
}: {
  terminal: AdminTerminalDto;
  otherStores: { id: string; name: string }[];
  moveAction: FormAction;
  toggleAction: ButtonAction;
}) {
  const t = useTranslations("Admin");
  const id = useId();
  const { state, pending, formProps } = useAdminForm(moveAction);
  const fieldError = useFieldError(state);
  const moveError = fieldError("storeId");
  return (
    <tr className="border-t border-slate-200 align-top">
      <th scope="row" className="py-3 pr-3 text-left font-mono font-semibold">
        {terminal.tid}
      </th>
      <td className="py-3 pr-3">
        <ActiveBadge active={terminal.active}>
          {terminal.active ? t("terminals.active") : t("terminals.inactive")}
        </ActiveBadge>
      </td>
      <td className="py-3">
        <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
          {otherStores.length > 0 ? (
            <form {...formProps} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
                <label htmlFor={`${id}-store`} className="whitespace-nowrap text-sm text-slate-700">
                  {t("terminals.moveTo")}
                  <span className="sr-only"> ({terminal.tid})</span>
                </label>
                <select
                  id={`${id}-store`}
                  name="storeId"
                  {...controlAria(`${id}-store`, { error: moveError })}
                  className={`${inputClass} mt-0 w-auto min-w-28`}
                >
                  {otherStores.map((store) => (
                    <option key={store.id} value={store.id}>
                      {store.name}
                    </option>
                  ))}
                </select>
                <SubmitButton pending={pending} className={secondaryButton}>
                  {t("terminals.move")}
                  <span className="sr-only"> {terminal.tid}</span>
                </SubmitButton>
              </div>
              <FieldError id={`${id}-store-error`} message={moveError} />
              <FormFeedback state={state} success={t("success.moveTerminal")} shownFields={["storeId"]} />
            </form>
          ) : null}
          <ActionButton
            action={toggleAction}
            className={terminal.active ? dangerButton : secondaryButton}
            success={terminal.active ? t("success.terminalReactivated") : t("success.terminalDeactivated")}
          >
            {terminal.active ? t("terminals.deactivate") : t("terminals.reactivate")}
            <span className="sr-only"> {terminal.tid}</span>
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}
