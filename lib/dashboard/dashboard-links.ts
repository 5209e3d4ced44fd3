// The dashboard's addresses (issue 10): reading its query from a page's or a request's parameters
// (a store may repeat), writing it back for the period presets and the CSV links, and the preset
// periods themselves. Pure; importable by client and server.
import type { DashboardTable } from "@/lib/dashboard/dashboard-tables";

/** The presets the filter offers, in days ending today (today counted). */
export const PERIOD_PRESETS = [7, 30, 90] as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The dashboard query's fields as dashboardQuerySchema takes them: a field given once is a string,
 * `storeId` given several times a list (a repeated date stays a list, which the schema refuses).
 * Other parameters are left out unless `keepUnknown` (the API refuses them by name).
 */
export function dashboardQueryInput(params: Params, { keepUnknown = false, skip = [] as string[] } = {}) {
  const keys = params instanceof URLSearchParams ? [...new Set(params.keys())] : Object.keys(params);
  const input: Record<string, string | string[]> = {};
  for (const key of keys) {
    if (skip.includes(key)) continue;
    if (!keepUnknown && key !== "from" && key !== "to" && key !== "storeId") continue;
    const values = valuesOf(params, key);
    if (values.length === 1) input[key] = values[0];
    else if (values.length > 1) input[key] = values;
  }
  return input;
}

export interface DashboardView {
  from: string;
  to: string;
  /** The stores asked for; none: every store the viewer can see. */
  storeIds: readonly string[];
}

/** `from=…&to=…&storeId=…` for a view. */
export function dashboardSearch({ from, to, storeIds }: DashboardView): string {
  const search = new URLSearchParams({ from, to });
  for (const storeId of storeIds) search.append("storeId", storeId);
  return search.toString();
}

export function dashboardHref(view: DashboardView): string {
  return `/dashboard?${dashboardSearch(view)}`;
}

export function dashboardCsvHref(table: DashboardTable, view: DashboardView): string {
  return `/api/dashboard.csv?${dashboardSearch(view)}&table=${table}`;
}

/** A local day ("YYYY-MM-DD") moved by whole days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today's date in a time zone ("YYYY-MM-DD"). */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The last `days` days ending today, today counted. */
export function presetPeriod(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Which preset a period is, if any. */
export function matchingPreset(period: { from: string; to: string }, today: string): number | null {
  return (
    PERIOD_PRESETS.find((days) => {
      const preset = presetPeriod(days, today);
      return preset.from === period.from && preset.to === period.to;
    }) ?? null
  );
}
