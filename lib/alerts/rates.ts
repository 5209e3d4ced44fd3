// Rates per 1,000 transactions, the unit the dashboard and the alert rules speak (unsigned slips,
// declines, duplicates per 1,000 sales). Pure.

/** `count` per 1,000 of `total`, rounded to one decimal; 0 when there is no total to divide by. */
export function perThousand(count: number, total: number): number {
  if (!(total > 0) || !(count > 0)) return 0;
  return Math.round((count * 10_000) / total) / 10;
}
