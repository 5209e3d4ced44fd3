// The caller's inbox: their newest notifications worded in their language, the unread count (the
// bell on every page), and marking one read. A person only ever reaches their own notifications:
// every query names the recipient, so another's is "not found" (404), never "forbidden".
// Marking read is a state change like any other: audited (notification.read, on the incident's
// timeline when it is about one), so the record shows who was told and when they saw it.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Locale } from "@/lib/i18n/locales";
import { renderNotification } from "@/lib/notifications/messages";
import type { NotificationDto, NotificationListDto } from "@/lib/notifications/schemas";
import { notificationTypeFromDb } from "@/lib/notifications/types";

/** How many of the newest notifications the inbox lists. */
export const INBOX_SIZE = 50;

const SELECT = {
  id: true,
  type: true,
  incidentId: true,
  messageKey: true,
  messageParams: true,
  createdAt: true,
  readAt: true,
} as const;

type Row = {
  id: string;
  type: Parameters<typeof notificationTypeFromDb>[0];
  incidentId: string | null;
  messageKey: string;
  messageParams: string;
  createdAt: Date;
  readAt: Date | null;
};

/** The incident reference a notification's params name, if any. */
function referenceOf(paramsText: string): string | undefined {
  try {
    const reference = (JSON.parse(paramsText) as { reference?: unknown }).reference;
    return typeof reference === "string" ? reference : undefined;
  } catch {
    return undefined;
  }
}

function serialize(row: Row, locale: Locale): NotificationDto {
  const reference = referenceOf(row.messageParams);
  return {
    id: row.id,
    type: notificationTypeFromDb(row.type),
    ...(row.incidentId ? { incidentId: row.incidentId } : {}),
    ...(reference ? { reference } : {}),
    message: renderNotification(locale, row.messageKey, row.messageParams),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export async function countUnread({ actor }: { actor: Pick<Actor, "userId"> }): Promise<number> {
  return prisma.notification.count({ where: { recipientId: actor.userId, readAt: null } });
}

export async function listNotifications({
  actor,
  locale,
}: {
  actor: Actor;
  locale: Locale;
}): Promise<NotificationListDto> {
  const [rows, unreadCount] = await Promise.all([
    prisma.notification.findMany({
      where: { recipientId: actor.userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: INBOX_SIZE,
      select: SELECT,
    }),
    countUnread({ actor }),
  ]);
  return { items: rows.map((row) => serialize(row, locale)), unreadCount };
}

/** Marks the caller's notification read (again: keeps the first time); another's answers 404. */
export async function markNotificationRead({
  actor,
  id,
  locale,
}: {
  actor: Actor;
  id: string;
  locale: Locale;
}): Promise<NotificationDto> {
  const row = await prisma.$transaction(async (tx) => {
    const readAt = new Date();
    // Conditional on unread: reading it again (or two tabs at once) keeps the first time, one event.
    const { count } = await tx.notification.updateMany({
      where: { id, recipientId: actor.userId, readAt: null },
      data: { readAt },
    });
    const found = await tx.notification.findFirst({ where: { id, recipientId: actor.userId }, select: SELECT });
    if (!found) throw new AppError("NOT_FOUND", { reason: "NOTIFICATION_NOT_FOUND" });
    if (count === 1) {
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        incidentId: found.incidentId,
        actorId: actor.userId,
        type: "notification.read",
        before: { notificationId: id, readAt: null },
        after: { notificationId: id, readAt: readAt.toISOString() },
      });
    }
    return found;
  });
  return serialize(row, locale);
}
