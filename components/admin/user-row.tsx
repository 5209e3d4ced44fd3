"use client";
// One member of staff in the staff table, with their actions; "Change role and stores" opens a
// form in a full-width row underneath.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { type AdminUserDto, roleNeedsStores } from "@/lib/schemas/admin";
import { ActionButton } from "./action-button";
import { RoleAndStores } from "./role-and-stores";
import { type FormAction, useAdminForm } from "./use-admin-form";

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
  toggleAction: FormAction;
  unlockAction: FormAction;
}) {
  const t = useTranslations("Admin");
  const tRoles = useTranslations("Common.roles");
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(accessAction, {
    fields: ["role", "storeIds"],
    resetOnSuccess: false,
  });
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
            <Badge tone={user.active ? "success" : "neutral"}>
              {user.active ? t("staff.active") : t("staff.inactive")}
            </Badge>
            {user.lockedUntil ? (
              <Badge tone="warning">
                {t("staff.lockedUntil", {
                  time: format.dateTime(new Date(user.lockedUntil), { dateStyle: "short", timeStyle: "short" }),
                })}
              </Badge>
            ) : null}
          </span>
        </th>
        <td className="py-3">
          <div className="flex flex-wrap items-start gap-2">
            <Button
              aria-expanded={editing}
              aria-controls={`${id}-access`}
              onClick={() => setEditing((value) => !value)}
              className="text-sm"
            >
              {t("staff.editAccess")}
              <span className="sr-only"> ({user.name})</span>
            </Button>
            {isCurrentUser ? null : (
              <ActionButton
                action={toggleAction}
                variant={user.active ? "danger" : "secondary"}
                success={user.active ? t("success.userReactivated") : t("success.userDeactivated")}
                confirm={
                  user.active
                    ? {
                        title: t("confirm.userTitle", { name: user.name }),
                        body: t("confirm.userBody"),
                        confirmLabel: t("confirm.userConfirm"),
                      }
                    : undefined
                }
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
                idPrefix={id}
                stores={stores}
                initialRole={user.role}
                initialStoreIds={user.stores.map((s) => s.id)}
                roleError={fieldError("role")}
                storesError={fieldError("storeIds")}
                roleDisabled={isCurrentUser}
              />
            </fieldset>
            <div className="flex flex-wrap gap-2">
              <SubmitButton pending={pending} pendingLabel={t("saving")}>
                {t("staff.save")}
              </SubmitButton>
              <Button onClick={() => setEditing(false)}>{t("staff.closeAccess")}</Button>
            </div>
            <FormFeedback {...feedback} success={t("success.changeUserAccess")} />
          </form>
        </td>
      </tr>
    </>
  );
}
