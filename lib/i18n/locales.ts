// Supported UI languages, and choosing one from a cookie or the browser's Accept-Language. Pure.
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "slipcase_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language in an Accept-Language header (any zh → zh-CN). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}

/** The value of one cookie in a Cookie header, or undefined. */
function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...value] = part.split("=");
    if (key.trim() === name) return value.join("=").trim();
  }
  return undefined;
}

/**
 * The locale a request asks for: the user's choice (the locale cookie) first, else the browser's
 * Accept-Language, else English. Lets the API answer in the language the UI shows.
 */
export function localeFromHeaders(headers: Headers): Locale {
  const chosen = cookieValue(headers.get("cookie"), LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(headers.get("accept-language"));
}

/**
 * The same choice in the browser, for a page that renders without the server's help (the global
 * error page): the locale cookie, else the browser's languages in order, else English.
 */
export function localeInBrowser({ cookie, languages }: { cookie: string; languages: readonly string[] }): Locale {
  const chosen = cookieValue(cookie, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(languages.join(","));
}
