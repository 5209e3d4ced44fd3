// The dashboard's charts as numbers (issue 10): a scale with round ticks, where each bar and each
// stacked segment goes, which bucket labels fit under a chart, and how a bucket is labelled. The
// components draw SVG from these (server-rendered, no chart library, no JavaScript in the
// browser); the geometry is here so it is tested without rendering. Pure.
import type { SeriesGrain } from "@/lib/dashboard/dashboard-tables";

export interface Scale {
  /** The top of the axis: a round number at or above the largest value. */
  max: number;
  /** Gridline values from 0 to max, evenly spaced. */
  ticks: number[];
}

/** Rounds away floating-point noise (0.30000000000000004 → 0.3). */
const tidy = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * An axis from 0 to a round number ≥ `max`, with about `targetTicks` steps of 1, 2 or 5 × 10ⁿ;
 * whole steps only for counts. Nothing to show (max ≤ 0) still gets an axis, 0 to 1.
 */
export function niceScale(max: number, { targetTicks = 4, integer = true } = {}): Scale {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, ticks: [0, 1] };
  const rough = max / Math.max(1, targetTicks);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const steps = Math.ceil(tidy(max / step));
  const ticks = Array.from({ length: steps + 1 }, (_, index) => tidy(index * step));
  return { max: ticks[ticks.length - 1], ticks };
}

export interface PlotArea {
  width: number;
  height: number;
  /** Room for the axis labels: left for the values, bottom for the buckets. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Segment<K extends string> {
  key: K;
  value: number;
  y: number;
  height: number;
}

export interface Column<K extends string> {
  index: number;
  /** The bar's left edge and width (the band less a gap). */
  x: number;
  width: number;
  /** The middle of the band, where its label goes. */
  center: number;
  total: number;
  /** Bottom to top, in the order of the keys; zero values are left out. */
  segments: Segment<K>[];
}

export interface StackedColumns<K extends string> {
  scale: Scale;
  columns: Column<K>[];
  /** The y of a value on the axis (for gridlines and their labels). */
  yOf: (value: number) => number;
  /** The plot's edges. */
  plot: { left: number; right: number; top: number; bottom: number };
}

/** Columns of stacked values, one per bucket, on one scale. */
export function stackedColumns<K extends string>(
  buckets: readonly Partial<Record<K, number>>[],
  keys: readonly K[],
  area: PlotArea,
  { integer = true }: { integer?: boolean } = {},
): StackedColumns<K> {
  const totals = buckets.map((bucket) => keys.reduce((sum, key) => sum + Math.max(0, bucket[key] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals), { integer });
  const plot = { left: area.left, right: area.width - area.right, top: area.top, bottom: area.height - area.bottom };
  const plotHeight = plot.bottom - plot.top;
  const band = (plot.right - plot.left) / Math.max(1, buckets.length);
  const barWidth = Math.max(1, band * (band > 12 ? 0.7 : 0.85));
  const heightOf = (value: number) => (value / scale.max) * plotHeight;
  const columns = buckets.map((bucket, index) => {
    let stacked = 0;
    const segments: Segment<K>[] = [];
    for (const key of keys) {
      const value = Math.max(0, bucket[key] ?? 0);
      if (value === 0) continue;
      const height = heightOf(value);
      segments.push({ key, value, y: plot.bottom - heightOf(stacked) - height, height });
      stacked += value;
    }
    const x = plot.left + index * band + (band - barWidth) / 2;
    return { index, x, width: barWidth, center: plot.left + index * band + band / 2, total: totals[index], segments };
  });
  return { scale, columns, yOf: (value) => plot.bottom - heightOf(value), plot };
}

/** Show every n-th bucket's label so that at most `maxLabels` are written under a chart. */
export function labelEvery(count: number, maxLabels: number): number {
  return count <= maxLabels ? 1 : Math.ceil(count / Math.max(1, maxLabels));
}

/** The bucket's first day as a UTC date, so no time zone moves it to the day before. */
function bucketDate(start: string): Date {
  return new Date(`${start}T00:00:00Z`);
}

/** A bucket's short label under a chart: "11/30" (a day, or the Monday of a week), "11/2026" (a month). */
export function bucketAxisLabel(start: string, grain: SeriesGrain, locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    grain === "month"
      ? { year: "numeric", month: "numeric", timeZone: "UTC" }
      : { month: "numeric", day: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(bucketDate(start));
}

/** A bucket's full label in a table: "30 Nov 2026", "week of 23 Nov 2026" (as a message), "November 2026". */
export function bucketLongLabel(start: string, grain: SeriesGrain, locale: string): { date: string; week: boolean } {
  const options: Intl.DateTimeFormatOptions =
    grain === "month"
      ? { year: "numeric", month: "long", timeZone: "UTC" }
      : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
  return { date: new Intl.DateTimeFormat(locale, options).format(bucketDate(start)), week: grain === "week" };
}

/** A value's share of the largest, for a bar's length: 0..1, nothing for nothing. */
export function barFraction(value: number | null, max: number): number {
  if (value === null || !(value > 0) || !(max > 0)) return 0;
  return Math.min(1, value / max);
}
