// /admin: stores, terminals and staff, for admins only. Other roles get a "not allowed" page; the
// server actions refuse them too (each use case checks the role itself).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  addTerminalAction,
  changeTerminalDetailsAction,
  changeUserAccessAction,
  createStoreAction,
  createUserAction,
  moveTerminalAction,
  renameStoreAction,
  setSoftwareThresholdAction,
  setTerminalActiveAction,
  setUserActiveAction,
  unlockUserAction,
} from "@/app/admin/actions";
import { StaffSection } from "@/components/admin/staff-section";
import { StoresSection } from "@/components/admin/stores-section";
import { TerminalSoftwareSection } from "@/components/admin/terminal-software-section";
import { listStores } from "@/lib/admin/list-stores";
import { listUsers } from "@/lib/admin/list-users";
import { getSoftwareThreshold } from "@/lib/admin/terminal-software-threshold";
import { pageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/rbac/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin");
  return { title: `${t("title")} · Slipcase` };
}

export default async function AdminPage() {
  const actor = await pageActor();
  const t = await getTranslations("Admin");
  const tPlan = await getTranslations("Plan");
  const tDeadlines = await getTranslations("Deadlines");
  const tAudit = await getTranslations("Audit");
  const tDetails = await getTranslations("TerminalDetails");
  if (!can(actor.role, "admin.manage")) {
    return (
      <div className="space-y-3" data-testid="admin-forbidden">
        <h1 className="text-2xl font-semibold">{t("forbidden.title")}</h1>
        <p role="alert" className="text-slate-800">
          {t("forbidden.body")}
        </p>
      </div>
    );
  }
  const [stores, users, softwareThreshold] = await Promise.all([
    listStores({ actor }),
    listUsers({ actor }),
    getSoftwareThreshold({ actor }),
  ]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <nav aria-label={t("jumpTo")} className="flex flex-wrap gap-x-4 text-sm">
          {/* 44 px tall: a finger's target on a phone. */}
          <a href="#stores-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("stores.heading")}
          </a>
          <a href="#staff-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("staff.heading")}
          </a>
          <a href="#terminal-software-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {tDetails("threshold.heading")}
          </a>
          {/* Issue 9: the emergency plan has its own page. */}
          <Link href="/admin/plan" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {tPlan("title")}
          </Link>
          {/* Issue 9: deadlines, the business calendar and the stores' cut-offs have their own page. */}
          <Link href="/admin/deadlines" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {tDeadlines("title")}
          </Link>
          {/* Issue 10: audit exports (also linked from /finance; no room for it in the phone header). */}
          <Link href="/audit" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {tAudit("title")}
          </Link>
        </nav>
      </div>
      <StoresSection
        stores={stores}
        actions={{
          createStore: createStoreAction,
          renameStore: (storeId) => renameStoreAction.bind(null, storeId),
          addTerminal: (storeId) => addTerminalAction.bind(null, storeId),
          moveTerminal: (terminalId) => moveTerminalAction.bind(null, terminalId),
          setTerminalActive: (terminalId, active) => setTerminalActiveAction.bind(null, terminalId, active),
          changeTerminalDetails: (terminalId) => changeTerminalDetailsAction.bind(null, terminalId),
        }}
      />
      <TerminalSoftwareSection maxAgeDays={softwareThreshold.maxAgeDays} action={setSoftwareThresholdAction} />
      <StaffSection
        users={users}
        stores={stores.map(({ id, name }) => ({ id, name }))}
        currentUserId={actor.userId}
        actions={{
          createUser: createUserAction,
          changeUserAccess: (userId) => changeUserAccessAction.bind(null, userId),
          setUserActive: (userId, active) => setUserActiveAction.bind(null, userId, active),
          unlockUser: (userId) => unlockUserAction.bind(null, userId),
        }}
      />
    </div>
  );
}
