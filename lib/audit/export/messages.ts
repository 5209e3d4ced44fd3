// The message catalogues an audit export words itself with (the app's own texts, so a step, kind or
// event reads in the file exactly as on the incident page), and a translator over them. Pure data.
// use-intl's core is what next-intl re-exports createTranslator from; imported directly so scripts
// outside Next (npm run bench:audit, under the react-server condition) can word an export too.
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import enAudit from "@/messages/en/audit.json";
import enCasework from "@/messages/en/casework.json";
import enCommon from "@/messages/en/common.json";
import enIncidents from "@/messages/en/incidents.json";
import enReconciliation from "@/messages/en/reconciliation.json";
import zhAudit from "@/messages/zh-CN/audit.json";
import zhCasework from "@/messages/zh-CN/casework.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";
import zhReconciliation from "@/messages/zh-CN/reconciliation.json";

const MESSAGES = {
  en: { ...enCommon, ...enIncidents, ...enCasework, ...enReconciliation, ...enAudit },
  "zh-CN": { ...zhCommon, ...zhIncidents, ...zhCasework, ...zhReconciliation, ...zhAudit },
} as const satisfies Record<Locale, unknown>;

/** A translator over full keys ("Incident.steps.halt"), untyped so the wording can build keys. */
export interface ExportTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

export function exportTranslator(locale: Locale): ExportTranslator {
  const t = createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
  const translate = ((key: string, values?: Record<string, string | number>) => t(key, values)) as ExportTranslator;
  translate.has = (key: string) => t.has(key);
  return translate;
}
