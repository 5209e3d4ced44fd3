import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { SignOutButton } from "@/components/sign-out-button";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/rbac/permissions";

export async function AppHeader({ actor }: { actor: Actor | null }) {
  const t = await getTranslations("Common");
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/incidents" className="font-semibold text-slate-900">
          {t("appName")}
        </Link>
        {actor ? (
          <>
            <Link href="/incidents" className="text-sm text-slate-700 hover:underline">
              {t("nav.incidents")}
            </Link>
            {can(actor.role, "incident.create") ? (
              <Link href="/incidents/new" className="text-sm text-slate-700 hover:underline">
                {t("nav.newIncident")}
              </Link>
            ) : null}
            {can(actor.role, "step.complete.reconcile") ? (
              <Link href="/finance" className="text-sm text-slate-700 hover:underline">
                {t("nav.finance")}
              </Link>
            ) : null}
            {can(actor.role, "admin.manage") ? (
              <Link href="/admin" className="text-sm text-slate-700 hover:underline">
                {t("nav.admin")}
              </Link>
            ) : null}
          </>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {actor ? (
            <span className="text-sm text-slate-600">
              {actor.name} · {t(`roles.${actor.role}`)}
            </span>
          ) : null}
          <LocaleSwitcher />
          {actor ? <SignOutButton /> : null}
        </div>
      </nav>
    </header>
  );
}
