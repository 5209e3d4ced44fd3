// The e-mail job (kind notification.email): mails each notification of the payload to its
// recipient, in the recipient's language (Membership.locale), after the change that made them has
// committed. A notification is marked `emailedAt` as soon as the SMTP server has taken it, so a
// rerun of the job (a later notification's failure, a retry by the queue, another instance taking
// over a lost lease) does not mail it again. The one window left is a crash between the server's
// acceptance and that mark; the Message-ID is the notification's own, so a receiving server can
// still tell the copy apart.
import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { mailTransport } from "@/lib/notifications/mail-transport";
import { renderEmail } from "@/lib/notifications/messages";

export const emailPayloadSchema = z.object({ notificationIds: z.array(z.string().min(1)).min(1) });

export async function sendNotificationEmails(payload: unknown): Promise<void> {
  const { notificationIds } = emailPayloadSchema.parse(payload);
  if (!env.SMTP_URL || !env.SMTP_FROM) return; // SMTP switched off since the job was queued: inbox only.
  const rows = await prisma.notification.findMany({
    where: { id: { in: notificationIds }, emailedAt: null },
    orderBy: { id: "asc" },
    select: {
      id: true,
      incidentId: true,
      messageKey: true,
      messageParams: true,
      recipient: { select: { email: true, membership: { select: { locale: true, active: true } } } },
    },
  });
  const transport = mailTransport(env.SMTP_URL);
  const host = new URL(env.SMTP_URL).hostname || "slipcase";
  for (const row of rows) {
    if (!row.recipient.membership?.active) continue; // left the merchant since: not mailed.
    const locale = isLocale(row.recipient.membership.locale) ? row.recipient.membership.locale : DEFAULT_LOCALE;
    const { subject, text } = renderEmail(locale, {
      messageKey: row.messageKey,
      messageParams: row.messageParams,
      incidentId: row.incidentId,
      appUrl: env.BETTER_AUTH_URL,
    });
    await transport.sendMail({
      from: env.SMTP_FROM,
      to: row.recipient.email,
      subject,
      text,
      messageId: `<notification-${row.id}@${host}>`,
      headers: { "Content-Language": locale },
    });
    await prisma.notification.updateMany({ where: { id: row.id, emailedAt: null }, data: { emailedAt: new Date() } });
  }
}
