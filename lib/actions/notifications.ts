"use server";
// Server actions of the inbox: mark a notification read, or mark it read and open its incident.
// Plain form actions (they work before hydration and without JavaScript); the use case checks
// that the notification is the caller's own.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { currentLocale } from "@/lib/i18n/request";
import { markNotificationRead } from "@/lib/notifications/inbox";

async function markRead(id: unknown) {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) return null;
  const actor = await pageActor();
  try {
    return await markNotificationRead({ actor, id, locale: await currentLocale() });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null; // not yours, or gone: nothing to do
    throw error;
  }
}

export async function markNotificationReadAction(id: unknown): Promise<void> {
  await markRead(id);
  refresh();
}

export async function openNotificationAction(id: unknown): Promise<void> {
  const notification = await markRead(id);
  redirect(notification?.incidentId ? `/incidents/${notification.incidentId}` : "/notifications");
}
