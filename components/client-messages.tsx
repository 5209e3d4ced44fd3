// Sends a route's client components their messages (lib/i18n/client-messages.ts names them per
// route): a provider over the route's pages, in place of the root layout's, which sends few.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { CLIENT_MESSAGES, type ClientMessagesRoute, type MessageTree, pickMessages } from "@/lib/i18n/client-messages";

export async function ClientMessages({ route, children }: { route: ClientMessagesRoute; children: ReactNode }) {
  const messages = pickMessages((await getMessages()) as MessageTree, CLIENT_MESSAGES[route]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
