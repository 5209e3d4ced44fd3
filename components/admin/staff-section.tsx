// The "Staff" section of /admin: everyone who can sign in for the merchant, their role, stores and
// state, and the forms that change them. The server actions come in as props, bound per user.
import { getTranslations } from "next-intl/server";
import type { AdminUserDto } from "@/lib/schemas/admin";
import { AdminSection, AdminTable } from "./admin-section";
import { CreateUserForm } from "./create-user-form";
import type { FormAction } from "./use-admin-form";
import { UserRow } from "./user-row";

export interface StaffActions {
  createUser: FormAction;
  changeUserAccess: (userId: string) => FormAction;
  setUserActive: (userId: string, active: boolean) => FormAction;
  unlockUser: (userId: string) => FormAction;
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
    <AdminSection id="staff-heading" heading={t("heading")}>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
        <AdminTable caption={t("caption")} columns={[t("member"), t("actions")]}>
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
        </AdminTable>
      </div>
      <CreateUserForm action={actions.createUser} stores={stores} />
    </AdminSection>
  );
}
