// The robust z-score (Iglewicz and Hoaglin's modified z): how far a value lies from a sample's
// median in units of its median absolute deviation, 0.6745 · (x − median) / MAD. One outlier in the
// sample barely moves the median or the MAD, so an amount far above a store's usual stands out
// even when the store has had a few large ones. Pure.

/** The median of the values (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

export interface RobustZ {
  z: number;
  median: number;
  mad: number;
}

/**
 * The robust z-score of `value` against `sample`. When more than half the sample is one value the
 * MAD is 0: the mean absolute deviation stands in (z = (x − median) / (1.2533 · meanAD), the same
 * authors' fallback, which agrees with the MAD form for normal data); when every value is the same
 * that is 0 too, and then anything else is infinitely unusual (±Infinity) and the median itself 0.
 * An empty sample says nothing: z = 0.
 */
export function robustZ(value: number, sample: readonly number[]): RobustZ {
  return robustZOf(value, robustScale(sample));
}

/** What the robust z-score needs of a sample: computed once, it judges many values. */
export interface RobustScale {
  size: number;
  median: number;
  mad: number;
  meanAbsoluteDeviation: number;
}

export function robustScale(sample: readonly number[]): RobustScale {
  if (sample.length === 0) return { size: 0, median: Number.NaN, mad: Number.NaN, meanAbsoluteDeviation: Number.NaN };
  const center = median(sample);
  return {
    size: sample.length,
    median: center,
    mad: medianAbsoluteDeviation(sample, center),
    meanAbsoluteDeviation: sample.reduce((sum, item) => sum + Math.abs(item - center), 0) / sample.length,
  };
}

/** The robust z-score of `value` against a sample's scale (robustZ, without reading the sample again). */
export function robustZOf(value: number, scale: RobustScale): RobustZ {
  if (scale.size === 0) return { z: 0, median: Number.NaN, mad: Number.NaN };
  const { median: center, mad, meanAbsoluteDeviation } = scale;
  const distance = value - center;
  if (mad > 0) return { z: (0.6745 * distance) / mad, median: center, mad };
  if (meanAbsoluteDeviation > 0) return { z: distance / (1.253314 * meanAbsoluteDeviation), median: center, mad };
  return {
    z: distance === 0 ? 0 : distance > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
    median: center,
    mad,
  };
}
