import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { optionalPageActor } from "@/lib/auth/page-actor";
import { CLIENT_MESSAGES, type MessageTree, pickMessages } from "@/lib/i18n/client-messages";
import "./globals.css";

export const metadata: Metadata = {
  title: "Slipcase",
  description: "POS card-payment mishaps, logged in seconds and remedied to a close.",
  // public/manifest.webmanifest: installable on a till's tablet or a phone, opening on the incident list.
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f172a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const actor = await optionalPageActor();
  const t = await getTranslations("Common.nav");
  // Only what the header's and the error boundaries' client components read: a route that needs
  // more sends it itself (lib/i18n/client-messages.ts), instead of every message with every page.
  const messages = pickMessages((await getMessages()) as MessageTree, CLIENT_MESSAGES["/"]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={messages}>
          {/* The first stop of the Tab key: past the header, straight to the page. */}
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:inline-flex focus:min-h-11 focus:items-center focus:rounded-md focus:bg-white focus:px-4 focus:font-semibold focus:text-blue-800 focus:shadow-lg focus:ring-2 focus:ring-blue-600"
          >
            {t("skipToContent")}
          </a>
          <AppHeader actor={actor} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-4 focus:outline-none sm:py-6">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
