"use server";

import { cookies, headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { rememberLocale } from "@/lib/notifications/remember-locale";

/** Remembers the user's language choice for a year (and, signed in, for their e-mails). Not a state change of the domain. */
export async function setLocale(locale: string) {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  // Issue 9: a signed-in person's e-mails follow the language they chose.
  const actor = await getActor(await headers());
  if (actor) await rememberLocale({ userId: actor.userId, locale });
}
