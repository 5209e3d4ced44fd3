// One of the dashboard's tables as a CSV file (issue 10), in the reader's language: the numbers
// behind a chart, the same rows the page's table shows (lib/dashboard/dashboard-tables.ts), with a
// BOM for Excel and formula-safe cells (a store's or a person's name is anyone's text). The figures
// come from getDashboard, so the permission, the stores and the drills rule are its.
import "server-only";
import { type AbstractIntlMessages, createTranslator } from "next-intl";
import type { Actor } from "@/lib/auth/actor";
import { csvFileName, csvRows, type DashboardTable, dashboardTable } from "@/lib/dashboard/dashboard-tables";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import type { Locale } from "@/lib/i18n/locales";
import { toCsv } from "@/lib/incidents/export-csv";
import type { DashboardQuery } from "@/lib/schemas/dashboard";
import enDashboard from "@/messages/en/dashboard.json";
import enIncidents from "@/messages/en/incidents.json";
import zhDashboard from "@/messages/zh-CN/dashboard.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";

const MESSAGES = {
  en: { ...enIncidents, ...enDashboard },
  "zh-CN": { ...zhIncidents, ...zhDashboard },
} as const satisfies Record<Locale, unknown>;

export async function exportDashboardCsv({
  actor,
  query,
  table,
  locale,
  now,
}: {
  actor: Actor;
  query: DashboardQuery;
  table: DashboardTable;
  locale: Locale;
  now?: Date;
}): Promise<{ csv: string; filename: string }> {
  const dashboard = await getDashboard({ actor, query, now });
  // Keys are built at run time (a kind, a cause, a rate), so the translator is used untyped.
  const t = createTranslator({ locale, messages: MESSAGES[locale] as AbstractIntlMessages }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  const rows = csvRows(dashboardTable(dashboard, table), { translate: t, timeZone: dashboard.period.timeZone });
  return { csv: toCsv(rows), filename: csvFileName(table, dashboard.period) };
}
