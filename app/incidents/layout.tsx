// The client components of /incidents read their own messages (lib/i18n/client-messages.ts);
// an incident's page and the new-incident form have layouts of their own.
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="/incidents">{children}</ClientMessages>;
}
