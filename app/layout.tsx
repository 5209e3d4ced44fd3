import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { optionalPageActor } from "@/lib/auth/page-actor";
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
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <AppHeader actor={actor} />
          <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
