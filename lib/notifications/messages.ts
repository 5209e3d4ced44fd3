// What a notification says: its type's message key and params (stored, never English text), worded
// in a reader's language when the inbox is read or the e-mail is written
// (messages/<locale>/notifications.json, kinds from the incidents area). Pure.
import { type AbstractIntlMessages, createTranslator } from "next-intl";
import { isTimeZone } from "@/lib/deadlines/calendar";
import { DEFAULT_TIME_ZONE } from "@/lib/deadlines/settings";
import type { Locale } from "@/lib/i18n/locales";
import type { NotificationParams } from "@/lib/notifications/types";
import enCasework from "@/messages/en/casework.json";
import enIncidents from "@/messages/en/incidents.json";
import enNotifications from "@/messages/en/notifications.json";
import zhCasework from "@/messages/zh-CN/casework.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";
import zhNotifications from "@/messages/zh-CN/notifications.json";

// Prevention action types come from the casework area (a deadline of an action names its type).
const MESSAGES = {
  en: { ...enIncidents, ...enNotifications, Prevention: enCasework.Prevention },
  "zh-CN": { ...zhIncidents, ...zhNotifications, Prevention: zhCasework.Prevention },
} satisfies Record<Locale, unknown>;

type Translate = (key: string, values?: Record<string, string>) => string;
const translators = new Map<Locale, Translate & { has(key: string): boolean }>();

function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    const made = createTranslator({ locale, messages: MESSAGES[locale] as AbstractIntlMessages });
    const untyped = made as unknown as Translate & { has(key: string): boolean };
    t = Object.assign((key: string, values?: Record<string, string>) => untyped(key, values), {
      has: (key: string) => untyped.has(key),
    });
    translators.set(locale, t);
  }
  return t;
}

/** A stored message in the locale's words; a key this build does not know falls back to the reference. */
export function renderNotification(locale: Locale, messageKey: string, paramsText: string): string {
  const t = translator(locale);
  let params: Partial<NotificationParams> = {};
  try {
    params = JSON.parse(paramsText) as Partial<NotificationParams>;
  } catch {
    // An unreadable row still says something.
  }
  const kindKey = `Incident.kinds.${params.kind}`;
  const subjectKey = `Incident.deadlineSubjects.${params.subject}`;
  const actionKey = `Prevention.types.${params.actionType}`;
  const values = {
    reference: String(params.reference ?? ""),
    kind: t.has(kindKey) ? t(kindKey) : String(params.kind ?? ""),
    store: String(params.store ?? ""),
    by: params.by ? String(params.by) : t("Notifications.system"),
    subject: t.has(subjectKey) ? t(subjectKey) : String(params.subject ?? ""),
    due: dueText(locale, params.dueAt, params.timeZone),
    actionType: t.has(actionKey) ? t(actionKey) : String(params.actionType ?? ""),
    owner: String(params.owner ?? ""),
    rule: String(params.rule ?? ""),
    alertSubject: String(params.alertSubject ?? ""),
  };
  const key = `Notifications.messages.${messageKey}`;
  return t.has(key) ? t(key, values) : t("Notifications.messages.unknown", values);
}

/** A due time as the shop reads its clock: in the merchant's time zone, in the reader's language. */
function dueText(locale: Locale, dueAt: unknown, timeZone: unknown): string {
  const at = typeof dueAt === "string" ? new Date(dueAt) : null;
  if (!at || Number.isNaN(at.getTime())) return "";
  const zone = typeof timeZone === "string" && isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(at);
}

/** The e-mail's subject and text in the locale's words, with a link to the incident when the app's address is known. */
export function renderEmail(
  locale: Locale,
  {
    messageKey,
    messageParams,
    incidentId,
    appUrl,
  }: { messageKey: string; messageParams: string; incidentId: string | null; appUrl?: string },
): { subject: string; text: string } {
  const t = translator(locale);
  const message = renderNotification(locale, messageKey, messageParams);
  const link =
    appUrl && incidentId
      ? `\n\n${t("Notifications.email.open", { url: `${appUrl.replace(/\/$/, "")}/incidents/${incidentId}` })}`
      : "";
  return {
    subject: t("Notifications.email.subject", { message }),
    text: `${message}${link}\n\n${t("Notifications.email.footer")}`,
  };
}
