// /notifications: the signed-in person's inbox (what the emergency plan told them), newest first.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxList } from "@/components/notifications/inbox-list";
import { markNotificationReadAction, openNotificationAction } from "@/lib/actions/notifications";
import { pageActor } from "@/lib/auth/page-actor";
import { currentLocale } from "@/lib/i18n/request";
import { listNotifications } from "@/lib/notifications/inbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Notifications.inbox");
  return { title: `${t("title")} · Slipcase` };
}

export default async function NotificationsPage() {
  const actor = await pageActor();
  const t = await getTranslations("Notifications.inbox");
  const { items, unreadCount } = await listNotifications({ actor, locale: await currentLocale() });
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <p className="text-sm font-medium text-slate-800" data-testid="unread-count">
          {t("unreadCount", { count: unreadCount })}
        </p>
      </div>
      <InboxList items={items} actions={{ markRead: markNotificationReadAction, open: openNotificationAction }} />
    </div>
  );
}
