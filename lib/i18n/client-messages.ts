// Which messages reach the browser. Every message a page sends its client components travels in
// the page's RSC payload; the root layout's provider sent all of them (~65 KB of JSON, written
// again, escaped, into the HTML) with every page. Now the root layout sends only what its own
// client components and the error boundaries read, and a route whose client components read more
// wraps its pages in <ClientMessages route=…> (components/client-messages.tsx) with its own set.
// A nested provider replaces the messages of the one above it, so a route's set names everything
// its pages' client components read. lib/i18n/client-messages.test.ts follows the imports of
// every page, layout and error boundary and fails when a client component reads a namespace its
// route does not send (next-intl would throw in the browser).
import { REASONS_NAMESPACE } from "@/lib/errors/format";

/** What the browser's error wording reads (components/ui/error-text.ts, over the root namespace). */
export const ERROR_TEXT_NAMESPACES = [REASONS_NAMESPACE, "Incident.steps", "Incident.stepStatus"] as const;

/**
 * Per route folder (under app/), the namespaces or dotted sub-namespaces its client components
 * read. "/" is the root layout's: the header, app/error.tsx and every page of a folder not listed.
 */
export const CLIENT_MESSAGES = {
  "/": ["Common", "ErrorPage"],
  "/admin": ["Common", "Admin", "Deadlines", "TerminalDetails", "Plan", "Incident", ...ERROR_TEXT_NAMESPACES],
  "/alerts": ["Common", "Alerts", "Incident", "Webhooks", "Admin", ...ERROR_TEXT_NAMESPACES],
  "/finance": ["Common.form", "Finance", "Incident", "IncidentDetail.errors", ...ERROR_TEXT_NAMESPACES],
  "/incidents": ["IncidentList", "Incident"],
  "/incidents/[id]": [
    "Common",
    "Incident",
    "IncidentDetail.errors",
    "IncidentDetail.closeForm",
    "IncidentDetail.reopenForm",
    "IncidentDetail.stepForm",
    "Prevention",
    ...ERROR_TEXT_NAMESPACES,
  ],
  "/incidents/new": ["Common.form", "NewIncident", "Incident.kinds", ...ERROR_TEXT_NAMESPACES],
  "/login": ["Login", "Common.errors", "Common.form"],
  "/prevention": ["Common.form", "Prevention", "IncidentDetail.errors", ...ERROR_TEXT_NAMESPACES],
  "/reconciliation": [
    "Common.errors",
    "Common.form",
    "IncidentList",
    "Incident",
    "Reconciliation",
    "Exceptions",
    "Formats",
    "ImportErrors",
  ],
  "/training": ["Common.form", "Drills", "Incident", ...ERROR_TEXT_NAMESPACES],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessagesRoute = keyof typeof CLIENT_MESSAGES;

/** A message tree (next-intl's AbstractIntlMessages): texts, nested by namespace. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/**
 * The part of `messages` under each dotted path ("Incident", "IncidentDetail.errors"), nested as
 * in the whole tree; a path that names nothing adds nothing. Pure.
 */
export function pickMessages(messages: MessageTree, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let source: string | MessageTree | undefined = messages;
    for (const key of keys) source = typeof source === "object" ? source[key] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const key of keys.slice(0, -1)) {
      let next = target[key];
      if (typeof next !== "object") {
        next = {};
        target[key] = next;
      }
      target = next;
    }
    const last = keys[keys.length - 1];
    const existing = target[last];
    // A wider path picked before (or after) a narrower one keeps the whole subtree.
    target[last] = typeof existing === "object" && typeof source === "object" ? mergeTrees(existing, source) : source;
  }
  return picked;
}

function mergeTrees(a: MessageTree, b: MessageTree): MessageTree {
  const merged: MessageTree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = merged[key];
    merged[key] = typeof mine === "object" && typeof value === "object" ? mergeTrees(mine, value) : value;
  }
  return merged;
}
