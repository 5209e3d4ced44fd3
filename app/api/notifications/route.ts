// GET: the caller's notifications (newest first, worded in their language) and the unread count.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { listNotifications } from "@/lib/notifications/inbox";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await listNotifications({ actor, locale: localeFromHeaders(request.headers) }));
});
