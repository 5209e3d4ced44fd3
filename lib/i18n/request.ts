// next-intl request config: the locale comes from the user's choice (cookie) or else the
// browser's languages; messages are one JSON file per area under messages/<locale>/.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "@/lib/i18n/locales";

/** The cookie is read through cookies() so a choice set earlier in this request already counts. */
export async function currentLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

async function loadMessages(locale: Locale) {
  const files = await Promise.all([
    import(`../../messages/${locale}/common.json`),
    import(`../../messages/${locale}/incidents.json`),
    import(`../../messages/${locale}/casework.json`),
    import(`../../messages/${locale}/admin.json`),
    import(`../../messages/${locale}/errors.json`),
    import(`../../messages/${locale}/error-page.json`),
    import(`../../messages/${locale}/reconciliation.json`),
    import(`../../messages/${locale}/import-errors.json`),
    import(`../../messages/${locale}/notifications.json`),
    import(`../../messages/${locale}/audit.json`),
    import(`../../messages/${locale}/dashboard.json`),
    import(`../../messages/${locale}/drills.json`),
    import(`../../messages/${locale}/webhooks.json`),
    import(`../../messages/${locale}/alerts.json`),
  ]);
  return Object.assign({}, ...files.map((file) => file.default));
}

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
