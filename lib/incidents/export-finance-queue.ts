// The finance queue as a CSV file, in the reader's language: the same cases, order and filters as
// the page, the card masked (BIN and last 4 at most, as stored), times in the merchant's zone.
import "server-only";
import { createTranslator } from "next-intl";
import type { Actor } from "@/lib/auth/actor";
import type { Locale } from "@/lib/i18n/locales";
import { toCsv } from "@/lib/incidents/export-csv";
import { type FinanceQueueItem, listFinanceQueue } from "@/lib/incidents/list-finance-queue";
import type { FinanceQueueQuery } from "@/lib/schemas/finance-queue";
import enCasework from "@/messages/en/casework.json";
import enIncidents from "@/messages/en/incidents.json";
import zhCasework from "@/messages/zh-CN/casework.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";

/** An export holds at most this many cases (a month end's backlog, with room). */
export const FINANCE_EXPORT_LIMIT = 20_000;

const MESSAGES = {
  en: { ...enCasework, ...enIncidents },
  "zh-CN": { ...zhCasework, ...zhIncidents },
} as const satisfies Record<Locale, unknown>;

const COLUMNS = [
  "reference",
  "ready",
  "waitingFor",
  "store",
  "terminal",
  "kind",
  "status",
  "occurredAt",
  "ageDays",
  "amount",
  "currency",
  "card",
  "rrn",
] as const;

/** "2026-03-10 18:30" in the merchant's zone: what a spreadsheet reads as a date and time. */
const localTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  dateStyle: "short",
  timeStyle: "short",
});

function maskedCard(bin: string | null, last4: string | null): string {
  if (bin && last4) return `${bin}******${last4}`;
  if (last4) return `****${last4}`;
  if (bin) return `${bin}******`;
  return "";
}

export function financeQueueRows(items: FinanceQueueItem[], locale: Locale, now: Date): string[][] {
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  const header = COLUMNS.map((column) => t(`Finance.csv.${column}`));
  const rows = items.map((item) => [
    item.reference,
    item.ready ? t("Finance.csv.yes") : t("Finance.csv.no"),
    item.waitingFor.map((key) => t(`Incident.steps.${key}`)).join(" / "),
    item.storeName,
    item.terminalId,
    t(`Incident.kinds.${item.kind}`),
    t(`Incident.status.${item.status}`),
    localTime.format(new Date(item.occurredAt)),
    String(Math.floor((now.getTime() - Date.parse(item.occurredAt)) / 86_400_000)),
    item.amount ?? "",
    item.currency,
    maskedCard(item.cardBin, item.cardLast4),
    item.rrn ?? "",
  ]);
  return [header, ...rows];
}

export async function exportFinanceQueue({
  actor,
  query,
  locale,
  now = new Date(),
}: {
  actor: Actor;
  query: FinanceQueueQuery;
  locale: Locale;
  now?: Date;
}): Promise<{ csv: string; filename: string; truncated: boolean }> {
  const { items, truncated } = await listFinanceQueue({ actor, query, now, limit: FINANCE_EXPORT_LIMIT });
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short" }).format(now);
  return { csv: toCsv(financeQueueRows(items, locale, now)), filename: `reconcile-queue-${day}.csv`, truncated };
}
