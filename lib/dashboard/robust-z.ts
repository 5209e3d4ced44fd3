// The robust z-score (Iglewicz and Hoaglin's modified z): how far a value stands from the median
// of its siblings, in units of their median absolute deviation, so one wild value does not hide
// itself by dragging the mean and standard deviation along. Pure.

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One score per value: 0.6745 · (x − median) / MAD; when more than half the values are equal (MAD
 * 0), (x − median) / (1.2533 · mean absolute deviation); all zeros when every value is the same.
 */
export function robustZScores(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const center = median([...values].sort((a, b) => a - b));
  const deviations = values.map((value) => Math.abs(value - center));
  const mad = median([...deviations].sort((a, b) => a - b));
  if (mad > 0) return values.map((value) => (0.6745 * (value - center)) / mad);
  const meanDeviation = deviations.reduce((sum, deviation) => sum + deviation, 0) / values.length;
  if (meanDeviation === 0) return values.map(() => 0);
  return values.map((value) => (value - center) / (1.253314 * meanDeviation));
}
