// The inbox: the caller's notifications, newest first, unread ones marked; each opens its incident
// (marking it read on the way) or is marked read where it stands. Plain forms posting server
// actions, so it works before hydration and without JavaScript.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { DrillBadge } from "@/components/incidents/status-badge";
import { buttonClass } from "@/components/ui/button";
import type { NotificationDto } from "@/lib/notifications/schemas";

export async function InboxList({
  items,
  actions,
}: {
  items: NotificationDto[];
  actions: { markRead: (id: string) => Promise<void>; open: (id: string) => Promise<void> };
}) {
  const t = await getTranslations("Notifications.inbox");
  if (items.length === 0) return <p className="text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-3" data-testid="inbox">
      {items.map((item) => {
        const unread = item.readAt === null;
        return (
          <li
            key={item.id}
            data-testid="notification"
            data-unread={unread}
            className={`space-y-2 rounded-lg border p-3 ${unread ? "border-blue-300 bg-blue-50" : "border-slate-200 bg-white"}`}
          >
            <p className="text-slate-900">
              {unread ? (
                <span className="mr-2 rounded bg-blue-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                  {t("unread")}
                </span>
              ) : null}
              {item.type === "drill_assigned" ? <DrillBadge className="mr-2" /> : null}
              {item.message}
            </p>
            <p className="text-sm text-slate-600">
              <LocalTime iso={item.createdAt} />
              {unread ? null : ` · ${t("read")}`}
            </p>
            <div className="flex flex-wrap gap-2">
              {item.incidentId ? (
                <form action={actions.open.bind(null, item.id)}>
                  <button type="submit" className={buttonClass({ variant: "primary" })}>
                    {t("open", { reference: item.reference ?? "" })}
                  </button>
                </form>
              ) : item.type === "alert_raised" ? (
                <Link href="/alerts" className={buttonClass({ variant: "primary" })}>
                  {t("openAlerts")}
                </Link>
              ) : item.type === "deadline_reminder" || item.type === "deadline_escalated" ? (
                // A prevention action's deadline: its list, where the owner completes it.
                <Link href="/prevention" className={buttonClass({ variant: "primary" })}>
                  {t("openActions")}
                </Link>
              ) : null}
              {unread ? (
                <form action={actions.markRead.bind(null, item.id)}>
                  <button type="submit" className={buttonClass()}>
                    {t("markRead")}
                  </button>
                </form>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
