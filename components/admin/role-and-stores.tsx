"use client";
// Role and stores fields, shared by "add a staff member" and "change role and stores": the store
// checkboxes only appear for the roles that work in named stores.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { controlAria, FieldError } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/rbac/permissions";
import { roleNeedsStores } from "@/lib/schemas/admin";
import { hintClass, inputClass, labelClass } from "./form-kit";

export function RoleAndStores({
  idPrefix,
  stores,
  initialRole,
  initialStoreIds,
  roleError,
  storesError,
  roleDisabled = false,
}: {
  idPrefix: string;
  stores: { id: string; name: string }[];
  initialRole: Role;
  initialStoreIds: string[];
  roleError: string | undefined;
  storesError: string | undefined;
  /** An admin cannot change their own role; the server refuses it too. */
  roleDisabled?: boolean;
}) {
  const t = useTranslations("Admin.staff");
  const tRoles = useTranslations("Common.roles");
  const [role, setRole] = useState<Role>(initialRole);
  const needsStores = roleNeedsStores(role);
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-role`} className={labelClass}>
          {t("role")}
        </label>
        <select
          id={`${idPrefix}-role`}
          name="role"
          value={role}
          disabled={roleDisabled}
          onChange={(event) => setRole(event.target.value as Role)}
          {...controlAria(`${idPrefix}-role`, { error: roleError })}
          className={`${inputClass} sm:max-w-xs`}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {tRoles(value)}
            </option>
          ))}
        </select>
        {/* A disabled select is not submitted: send the unchanged role alongside. */}
        {roleDisabled ? <input type="hidden" name="role" value={role} /> : null}
        <FieldError id={`${idPrefix}-role-error`} message={roleError} />
      </div>
      {needsStores ? (
        <fieldset {...controlAria(`${idPrefix}-stores`, { hint: true, error: storesError })}>
          <legend className={labelClass}>{t("storesLegend")}</legend>
          <p id={`${idPrefix}-stores-hint`} className={hintClass}>
            {stores.length > 0 ? t("storesHint") : t("noStores")}
          </p>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {stores.map((store) => (
              <label key={store.id} className="inline-flex min-h-11 items-center gap-2 text-base">
                <input
                  type="checkbox"
                  name="storeIds"
                  value={store.id}
                  defaultChecked={initialStoreIds.includes(store.id)}
                  className="size-5"
                />
                {store.name}
              </label>
            ))}
          </div>
          <FieldError id={`${idPrefix}-stores-error`} message={storesError} />
        </fieldset>
      ) : (
        <p className={hintClass}>{t("allStoresHint")}</p>
      )}
    </>
  );
}
