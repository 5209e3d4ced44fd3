// The "Staff" section of /admin: everyone who can sign in for the merchant, their role, stores and
// state, and the forms that change them. The server actions come in as props, bound per user.
import { getTranslations } from "next-intl/server";
import type { AdminUserDto } from "@/lib/schemas/admin";
import { CreateUserForm } from "./create-user-form";
import type { ButtonAction, FormAction } from "./form-kit";
import { UserRow } from "./user-row";

export interface StaffActions {
  createUser: FormAction;
  changeUserAccess: (userId: string) => FormAction;
  setUserActive: (userId: string, active: boolean) => ButtonAction;
  unlockUser: (userId: string) => ButtonAction;
}

export async function StaffSection({
  users,
  stores,
  currentUserId,
  actions,
}: {
  users: AdminUserDto[];
  stores: { id: string; name: string }[];
  currentUserId: string;
  actions: StaffActions;
}) {
  const t = await getTranslations("Admin.staff");
  return (
    <section aria-labelledby="staff-heading" className="space-y-4">
      <h2 id="staff-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
        <table className="w-full text-left text-sm">
          <caption className="pb-2 text-left font-medium text-slate-800">{t("caption")}</caption>
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("member")}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t("actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isCurrentUser={user.id === currentUserId}
                stores={stores}
                accessAction={actions.changeUserAccess(user.id)}
                toggleAction={actions.setUserActive(user.id, !user.active)}
                unlockAction={actions.unlockUser(user.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm action={actions.createUser} stores={stores} />
    </section>
  );
}
