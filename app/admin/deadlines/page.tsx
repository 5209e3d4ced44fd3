// /admin/deadlines (issue 9): the merchant's deadline settings, its business calendar (holidays and
// make-up working days 调休) and each store's daily batch cut-off, for admins. Other roles get a
// "not allowed" page; the server actions refuse them too (each use case checks the role itself).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/admin/action-button";
import { AdminSection, AdminTable } from "@/components/admin/admin-section";
import { CalendarDayForm } from "@/components/deadlines/calendar-day-form";
import { DeadlineSettingsForm } from "@/components/deadlines/deadline-settings-form";
import { StoreCutoffForm } from "@/components/deadlines/store-cutoff-form";
import {
  addCalendarDayAction,
  removeCalendarDayAction,
  saveDeadlineSettingsAction,
  setStoreCutoffAction,
} from "@/lib/actions/deadlines";
import { pageActor } from "@/lib/auth/page-actor";
import { readDeadlineAdmin } from "@/lib/deadlines/read-deadline-admin";
import { can } from "@/lib/rbac/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Deadlines");
  return { title: `${t("title")} · Slipcase` };
}

export default async function DeadlinesPage() {
  const actor = await pageActor();
  const t = await getTranslations("Deadlines");
  if (!can(actor.role, "deadlines.manage")) {
    return (
      <div className="space-y-3" data-testid="deadlines-forbidden">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p role="alert" className="text-slate-800">
          {t("forbidden")}
        </p>
      </div>
    );
  }
  const { settings, calendarDays, stores } = await readDeadlineAdmin({ actor });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <nav aria-label={t("jumpTo")} className="flex flex-wrap gap-x-4 text-sm">
          <a href="#deadline-settings-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("settings.heading")}
          </a>
          <a href="#calendar-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("calendar.heading")}
          </a>
          <a href="#cutoffs-heading" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("cutoffs.heading")}
          </a>
          <Link href="/admin" className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t("backToAdmin")}
          </Link>
        </nav>
      </div>

      <AdminSection id="deadline-settings-heading" heading={t("settings.heading")}>
        <DeadlineSettingsForm action={saveDeadlineSettingsAction} settings={settings} />
      </AdminSection>

      <AdminSection id="calendar-heading" heading={t("calendar.heading")}>
        <p className="text-sm text-slate-700">{t("calendar.intro")}</p>
        <CalendarDayForm action={addCalendarDayAction} />
        {calendarDays.length === 0 ? (
          <p className="text-slate-600" data-testid="calendar-empty">
            {t("calendar.empty")}
          </p>
        ) : (
          <AdminTable
            caption={t("calendar.listCaption")}
            columns={[t("calendar.date"), t("calendar.type"), t("calendar.name"), t("calendar.actions")]}
          >
            {calendarDays.map((day) => (
              <tr key={day.date} className="border-t border-slate-200 align-top" data-testid="calendar-day">
                <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{day.date}</td>
                <td className="py-2 pr-3">{t(`calendar.types.${day.type}`)}</td>
                <td className="py-2 pr-3 break-words">{day.name}</td>
                <td className="py-2">
                  <ActionButton
                    action={removeCalendarDayAction.bind(null, day.date)}
                    success={t("calendar.removed")}
                    variant="danger"
                  >
                    {t("calendar.remove")}
                    <span className="sr-only"> {day.date}</span>
                  </ActionButton>
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
      </AdminSection>

      <AdminSection id="cutoffs-heading" heading={t("cutoffs.heading")}>
        <p className="text-sm text-slate-700">{t("cutoffs.intro")}</p>
        <ul className="space-y-4">
          {stores.map((store) => (
            <li key={store.id} data-testid="store-cutoff">
              <StoreCutoffForm
                action={setStoreCutoffAction.bind(null, store.id)}
                storeName={store.name}
                cutoffTime={store.cutoffTime}
              />
            </li>
          ))}
        </ul>
      </AdminSection>
    </div>
  );
}
