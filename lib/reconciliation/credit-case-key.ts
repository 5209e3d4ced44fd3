// The keys of the credit exceptions, written by the matching (rematch-credits.ts) and read back by
// the timelines (incident-events.ts): one place for their form. Pure.
// - a settle date's case: `credit_short:<acquirer merchant id>:<YYYY-MM-DD>` (or credit_missing);
//   the id may be "" (a statement naming none) or hold colons, the date never does;
// - a credit that explains no settle date: `credit_unexplained:<line id>`.

export type SettleDateCategory = "credit_short" | "credit_missing";

export function settleDateCaseKey(category: SettleDateCategory, acquirerMid: string, settleDate: string): string {
  return `${category}:${acquirerMid}:${settleDate}`;
}

export function unexplainedCreditKey(lineId: number): string {
  return `credit_unexplained:${lineId}`;
}

const SETTLE_DATE_KEY = /^(credit_short|credit_missing):(.*):(\d{4}-\d{2}-\d{2})$/s;
const UNEXPLAINED_KEY = /^credit_unexplained:(\d+)$/;

/** A settle date's case key read back; null for any other key. */
export function readSettleDateCaseKey(
  key: string,
): { category: SettleDateCategory; acquirerMid: string; settleDate: string } | null {
  const match = SETTLE_DATE_KEY.exec(key);
  return match ? { category: match[1] as SettleDateCategory, acquirerMid: match[2], settleDate: match[3] } : null;
}

/** The credit line of an unexplained credit's key; null for any other key. */
export function readUnexplainedCreditKey(key: string): number | null {
  const match = UNEXPLAINED_KEY.exec(key);
  const lineId = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(lineId) ? lineId : null;
}
