"use client";
// One member of staff in the staff table, with their actions; "Change role and stores" opens a
// form in a full-width row underneath.
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { type AdminUserDto, roleNeedsStores } from "@/lib/schemas/admin";
import {
  ActionButton,
  ActiveBadge,
  type ButtonAction,
  dangerButton,
  type FormAction,
  FormFeedback,
  primaryButton,
  secondaryButton,
  useAdminForm,
  useFieldError,
} from "./form-kit";
import { RoleAndStores } from "./role-and-stores";

export function UserRow({
  user,
  isCurrentUser,
  stores,
  accessAction,
  toggleAction,
  unlockAction,
}: {
  user: AdminUserDto;
  isCurrentUser: boolean;
  stores: { id: string; name: string }[];
  accessAction: FormAction;
  toggleAction: ButtonAction;
  unlockAction: ButtonAction;
}) {
  const t = useTranslations("Admin");
  const tRoles = useTranslations("Common.roles");
  const format = useFormatter();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const { state, pending, formProps } = useAdminForm(accessAction, { resetOnSuccess: false });
  const fieldError = useFieldError(state);
  const storeNames = roleNeedsStores(user.role) ? user.stores.map((s) => s.name).join(", ") : t("staff.allStores");

  return (
    <>
      <tr className="border-t border-slate-200 align-top">
        <th scope="row" className="py-3 pr-3 text-left font-normal">
          <span className="block font-semibold">
            {user.name}
            {isCurrentUser ? <span className="font-normal text-slate-600"> ({t("staff.you")})</span> : null}
          </span>
          <span className="block break-all text-slate-700">{user.email}</span>
          <span className="block text-slate-800">
            {tRoles(user.role)} · {storeNames}
          </span>
          <span className="mt-1 flex flex-wrap gap-1">
            <ActiveBadge active={user.active}>{user.active ? t("staff.active") : t("staff.inactive")}</ActiveBadge>
            {user.lockedUntil ? (
              <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
                {t("staff.lockedUntil", {
                  time: format.dateTime(new Date(user.lockedUntil), { dateStyle: "short", timeStyle: "short" }),
                })}
              </span>
            ) : null}
          </span>
        </th>
        <td className="py-3">
          <div className="flex flex-wrap items-start gap-2">
            <button
              type="button"
              aria-expanded={editing}
              aria-controls={`${id}-access`}
              onClick={() => setEditing((value) => !value)}
              className={secondaryButton}
            >
              {t("staff.editAccess")}
              <span className="sr-only"> ({user.name})</span>
            </button>
            {isCurrentUser ? null : (
              <ActionButton
                action={toggleAction}
                className={user.active ? dangerButton : secondaryButton}
                success={user.active ? t("success.userReactivated") : t("success.userDeactivated")}
              >
                {user.active ? t("staff.deactivate") : t("staff.reactivate")}
                <span className="sr-only"> ({user.name})</span>
              </ActionButton>
            )}
            {user.lockedUntil ? (
              <ActionButton action={unlockAction} success={t("success.userUnlocked")}>
                {t("staff.unlock")}
                <span className="sr-only"> ({user.name})</span>
              </ActionButton>
            ) : null}
          </div>
        </td>
      </tr>
      <tr id={`${id}-access`} hidden={!editing}>
        <td colSpan={2} className="pb-4">
          <form {...formProps} className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3">
            <fieldset className="space-y-3">
              <legend className="font-medium">{t("staff.accessLegend", { name: user.name })}</legend>
              <RoleAndStores
                // Starts over from the saved role and stores whenever they change.
                key={`${user.role}:${user.stores.map((s) => s.id).join()}`}
                idPrefix={`${id}-access`}
                stores={stores}
                initialRole={user.role}
                initialStoreIds={user.stores.map((s) => s.id)}
                roleError={fieldError("role")}
                storesError={fieldError("storeIds")}
                roleDisabled={isCurrentUser}
              />
            </fieldset>
            <div className="flex flex-wrap gap-2">
              <SubmitButton pending={pending} pendingLabel={t("saving")} className={primaryButton}>
                {t("staff.save")}
              </SubmitButton>
              <button type="button" onClick={() => setEditing(false)} className={secondaryButton}>
                {t("staff.closeAccess")}
              </button>
            </div>
            <FormFeedback state={state} success={t("success.changeUserAccess")} shownFields={["role", "storeIds"]} />
          </form>
        </td>
      </tr>
    </>
  );
}
