"use client";
// What shows when even the root layout fails: its own document, so no layout, no server-chosen
// locale and no message provider — the language is chosen here, from the locale cookie or the
// browser's languages, and only this page's few texts are bundled.
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, type Locale, localeInBrowser } from "@/lib/i18n/locales";
import en from "@/messages/en/error-page.json";
import zhCN from "@/messages/zh-CN/error-page.json";
import "./globals.css";

const MESSAGES = { en, "zh-CN": zhCN } satisfies Record<Locale, unknown>;

const subscribe = () => () => {};
const browserLocale = () => localeInBrowser({ cookie: document.cookie, languages: navigator.languages });
const serverLocale = () => DEFAULT_LOCALE;

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const locale = useSyncExternalStore(subscribe, browserLocale, serverLocale);
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="Asia/Shanghai">
          <ErrorBody digest={digest} retry={retry} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

function ErrorBody({ digest, retry }: { digest: string | null; retry: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <title>{t("title")}</title>
      <div role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 px-4 py-4 text-red-900">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p>{t("body")}</p>
        {digest ? <p className="font-mono text-xs">{t("reference", { digest })}</p> : null}
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="button"
            onClick={() => retry()}
            className="min-h-11 rounded-md bg-white px-4 text-sm font-semibold text-red-900 ring-1 ring-red-300 hover:bg-red-100"
          >
            {t("retry")}
          </button>
          {/* A full page load: the app's own navigation is what failed. */}
          <a href="/incidents" className="inline-flex min-h-11 items-center underline underline-offset-2">
            {t("home")}
          </a>
        </div>
      </div>
    </main>
  );
}
