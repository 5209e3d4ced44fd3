// The app's header: one line, on a 390 px phone as on a 1024 px screen with an admin's eight links.
// The main links (short labels below 1024 px, the current page marked); who is signed in, the
// language and sign-out in the account menu at every width — inline beside the links they pushed
// "Alerts" out of sight at 1280 px. Signed out, the language switcher alone.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountMenu } from "@/components/account-menu";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { type NavItem, NavLinks } from "@/components/nav-links";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { SignOutButton } from "@/components/sign-out-button";
import type { Actor } from "@/lib/auth/actor";
import { countUnread } from "@/lib/notifications/inbox";
import { can } from "@/lib/rbac/permissions";

export async function AppHeader({ actor }: { actor: Actor | null }) {
  const t = await getTranslations("Common");
  const items: NavItem[] = [];
  if (actor) {
    items.push({ href: "/incidents", label: t("nav.incidents"), shortLabel: t("nav.incidents") });
    if (can(actor.role, "incident.create")) {
      items.push({ href: "/incidents/new", label: t("nav.newIncident"), shortLabel: t("nav.newIncidentShort") });
    }
    if (can(actor.role, "step.complete.reconcile")) {
      items.push({ href: "/finance", label: t("nav.finance"), shortLabel: t("nav.finance") });
    }
    if (can(actor.role, "reconciliation.view")) {
      items.push({
        href: "/reconciliation",
        label: t("nav.reconciliation"),
        shortLabel: t("nav.reconciliationShort"),
      });
    }
    // Issue 10: the risk dashboard (a supervisor's stores; finance and admin all).
    if (can(actor.role, "dashboard.view")) {
      items.push({ href: "/dashboard", label: t("nav.dashboard"), shortLabel: t("nav.dashboardShort") });
    }
    // Issue 10: alerts (a supervisor's stores; finance and admin all).
    if (can(actor.role, "alerts.view")) {
      items.push({ href: "/alerts", label: t("nav.alerts"), shortLabel: t("nav.alertsShort") });
    }
    // Issue 10: training records (a cashier their own; supervisors start drills there).
    if (can(actor.role, "training.view")) {
      items.push({ href: "/training", label: t("nav.training"), shortLabel: t("nav.trainingShort") });
    }
    if (can(actor.role, "admin.manage")) {
      items.push({ href: "/admin", label: t("nav.admin"), shortLabel: t("nav.admin") });
    }
  }
  const who = actor ? `${actor.name} · ${t(`roles.${actor.role}`)}` : null;
  // Issue 9: the unread count of the caller's inbox, on every signed-in page.
  const unread = actor ? await countUnread({ actor }) : 0;

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-14 max-w-5xl items-center gap-x-2 px-2 sm:px-4">
        <Link
          href="/"
          className={`${actor ? "max-sm:hidden" : ""} inline-flex min-h-11 items-center font-semibold text-slate-900`}
        >
          {t("appName")}
        </Link>
        {actor ? (
          <nav aria-label={t("nav.main")} className="min-w-0">
            <NavLinks items={items} />
          </nav>
        ) : null}
        {actor ? (
          <div className="ml-auto">
            <NotificationBell unread={unread} />
          </div>
        ) : null}
        {actor ? (
          <AccountMenu label={t("nav.account")}>
            <p className="text-sm text-slate-700">{who}</p>
            <LocaleSwitcher />
            <SignOutButton />
          </AccountMenu>
        ) : (
          // Signed out there is only the language to choose: the switcher itself, at every width.
          <div className="ml-auto">
            <LocaleSwitcher />
          </div>
        )}
      </div>
    </header>
  );
}
