// The reconciliation's default period: the last 30 days up to today in the merchant's zone, as
// the "YYYY-MM-DD" days the lines carry. Pure but for the clock passed in.
const MERCHANT_ZONE = "Asia/Shanghai";
export const DEFAULT_PERIOD_DAYS = 30;

export function merchantToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: MERCHANT_ZONE }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const to = merchantToday(now);
  return { from: addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}
