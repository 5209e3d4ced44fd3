"use client";
// Role and stores fields, shared by "add a staff member" and "change role and stores": the store
// checkboxes only appear for the roles that work in named stores. The controls' ids are
// `${idPrefix}-role` and `${idPrefix}-storeIds`, as the form's error summary links to them.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { controlAria, FieldError, Hint, labelClass } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { ROLES, type Role } from "@/lib/rbac/permissions";
import { roleNeedsStores } from "@/lib/schemas/admin";

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
  const storesId = `${idPrefix}-storeIds`;
  return (
    <>
      <div className="sm:max-w-xs">
        <SelectField
          id={`${idPrefix}-role`}
          name="role"
          label={t("role")}
          error={roleError}
          value={role}
          disabled={roleDisabled}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {tRoles(value)}
            </option>
          ))}
        </SelectField>
        {/* A disabled select is not submitted: send the unchanged role alongside. */}
        {roleDisabled ? <input type="hidden" name="role" value={role} /> : null}
      </div>
      {needsStores ? (
        <fieldset id={storesId} tabIndex={-1} {...controlAria(storesId, { hint: true, error: storesError })}>
          <legend className={labelClass}>{t("storesLegend")}</legend>
          <Hint id={storesId}>{stores.length > 0 ? t("storesHint") : t("noStores")}</Hint>
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
          <FieldError id={`${storesId}-error`} message={storesError} />
        </fieldset>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{t("allStoresHint")}</p>
      )}
    </>
  );
}
