// The "Stores & terminals" section of /admin: each store with its terminals, and the forms that
// change them. The server actions come in as props, already bound to the store or terminal.
import { getTranslations } from "next-intl/server";
import type { AdminStoreDto } from "@/lib/schemas/admin";
import { AddTerminalForm } from "./add-terminal-form";
import { AdminSection, AdminTable } from "./admin-section";
import { CreateStoreForm } from "./create-store-form";
import { RenameStoreForm } from "./rename-store-form";
import { TerminalRow } from "./terminal-row";
import type { FormAction } from "./use-admin-form";

export interface StoreActions {
  createStore: FormAction;
  renameStore: (storeId: string) => FormAction;
  addTerminal: (storeId: string) => FormAction;
  moveTerminal: (terminalId: string) => FormAction;
  setTerminalActive: (terminalId: string, active: boolean) => FormAction;
  changeTerminalDetails: (terminalId: string) => FormAction;
}

export async function StoresSection({ stores, actions }: { stores: AdminStoreDto[]; actions: StoreActions }) {
  const t = await getTranslations("Admin");
  const tDetails = await getTranslations("TerminalDetails");
  return (
    <AdminSection id="stores-heading" heading={t("stores.heading")}>
      {stores.length === 0 ? <p className="text-slate-700">{t("stores.empty")}</p> : null}
      {stores.map((store) => (
        <article
          key={store.id}
          aria-labelledby={`store-${store.id}`}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <header className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`store-${store.id}`} className="text-lg font-semibold">
              {store.name}
            </h3>
            <p className="text-sm text-slate-600">{t("stores.staffCount", { count: store.staffCount })}</p>
          </header>
          <RenameStoreForm action={actions.renameStore(store.id)} storeName={store.name} />
          <div className="overflow-x-auto">
            <AdminTable
              caption={t("terminals.caption", { store: store.name })}
              columns={[t("terminals.tid"), t("terminals.status"), tDetails("heading"), t("terminals.actions")]}
            >
              {store.terminals.length === 0 ? (
                <tr className="border-t border-slate-200">
                  <td colSpan={4} className="py-3 text-slate-600">
                    {t("terminals.none")}
                  </td>
                </tr>
              ) : (
                store.terminals.map((terminal) => (
                  <TerminalRow
                    key={terminal.id}
                    terminal={terminal}
                    otherStores={stores.filter((other) => other.id !== store.id).map(({ id, name }) => ({ id, name }))}
                    moveAction={actions.moveTerminal(terminal.id)}
                    toggleAction={actions.setTerminalActive(terminal.id, !terminal.active)}
                    detailsAction={actions.changeTerminalDetails(terminal.id)}
                  />
                ))
              )}
            </AdminTable>
          </div>
          <AddTerminalForm action={actions.addTerminal(store.id)} storeName={store.name} />
        </article>
      ))}
      <CreateStoreForm action={actions.createStore} />
    </AdminSection>
  );
}
