// The reconciliation pages' filters from the address: known keys only, first value each, empty ones
// dropped (a GET form sends "All" as ""), and the default period when none is given.
import { defaultPeriod } from "@/components/reconciliation/period";

export type SearchParams = Record<string, string | string[] | undefined>;

export function knownParams(searchParams: SearchParams, keys: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of keys) {
    const raw = searchParams[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== "") params[key] = value.trim();
  }
  return params;
}

/** The filters with the period filled in (the last 30 days when not given). */
export function withPeriod(params: Record<string, string>): Record<string, string> {
  const period = defaultPeriod();
  return { ...params, from: params.from ?? period.from, to: params.to ?? period.to };
}
