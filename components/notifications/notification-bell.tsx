// The header's bell: a link to the inbox with the unread count, on every signed-in page. Server
// rendered, so it shows the count without JavaScript; the count is read with the page.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function NotificationBell({ unread }: { unread: number }) {
  const t = await getTranslations("Notifications.bell");
  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={t("unread", { count: unread })}
      data-testid="notification-bell"
      data-unread={unread}
      className="relative inline-flex size-11 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path
          d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
