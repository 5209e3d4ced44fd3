// The client components of /reconciliation read their own messages (lib/i18n/client-messages.ts).
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="/reconciliation">{children}</ClientMessages>;
}
