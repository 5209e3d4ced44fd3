// Time to close on the dashboard (issue 10): each closed incident's time from logging to closing,
// counted in steps — a tenth of an hour under 10 hours, an hour under 100, ten hours under 1,000,
// then a hundred — so a merchant's closes of a day fit a few hundred summary rows whatever their
// number; the median and 90th percentile are the nearest-rank values of those steps. Pure.

/** Whole seconds between two instants, as both databases count them (each instant cut to its second). */
export function wholeSecondsBetween(start: Date, end: Date): number {
  return Math.floor(end.getTime() / 1000) - Math.floor(start.getTime() / 1000);
}

/** The step a duration falls in, in tenths of an hour (cut down, never up). */
export function closeTimeStep(seconds: number): number {
  const tenths = Math.max(0, Math.floor(seconds / 360));
  if (tenths < 100) return tenths;
  if (tenths < 1_000) return Math.floor(tenths / 10) * 10;
  if (tenths < 10_000) return Math.floor(tenths / 100) * 100;
  return Math.floor(tenths / 1_000) * 1_000;
}

/** The step in SQL (both databases), from whole seconds. */
export const CLOSE_TIME_STEP_SQL = (seconds: string) => {
  const tenths = `(CASE WHEN ${seconds} < 0 THEN 0 ELSE (${seconds}) / 360 END)`;
  return `(CASE WHEN ${tenths} < 100 THEN ${tenths} WHEN ${tenths} < 1000 THEN ${tenths} / 10 * 10 WHEN ${tenths} < 10000 THEN ${tenths} / 100 * 100 ELSE ${tenths} / 1000 * 1000 END)`;
};

/**
 * The nearest-rank percentile (0 < p ≤ 1) of a histogram of steps (tenths of an hour → count), in
 * hours to a tenth; 0 for an empty one.
 */
export function percentileHours(histogram: ReadonlyMap<number, number>, p: number): number {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const step of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(step) ?? 0;
    if (seen >= rank) return step / 10;
  }
  return 0;
}
