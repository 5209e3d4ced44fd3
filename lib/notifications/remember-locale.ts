// The language a person last chose, kept on their membership so e-mails reach them in it (the
// inbox is worded in the language of each request). Their own preference: not audited.
import "server-only";
import { prisma } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";

export async function rememberLocale({ userId, locale }: { userId: string; locale: Locale }): Promise<void> {
  await prisma.membership.updateMany({ where: { userId, NOT: { locale } }, data: { locale } });
}
