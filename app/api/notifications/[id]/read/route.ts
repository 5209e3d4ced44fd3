// POST: marks one of the caller's notifications read (another's, or none: 404).
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { markNotificationRead } from "@/lib/notifications/inbox";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  if (id.length === 0 || id.length > 64) throw new AppError("NOT_FOUND", { reason: "NOTIFICATION_NOT_FOUND" });
  return Response.json(await markNotificationRead({ actor, id, locale: localeFromHeaders(request.headers) }));
});
