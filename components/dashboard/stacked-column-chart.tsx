// A stacked column chart drawn as SVG on the server (no chart library, no script): one column per
// bucket, one segment per series, a round value axis, every n-th bucket labelled, each segment
// titled with its bucket, series and value (a pointer's tooltip), optional ▲ marks over columns
// that stand out, and a legend with each series' total. The numbers are in the table below it.
import { labelEvery, stackedColumns } from "@/lib/dashboard/chart-geometry";

/** The drawing's own units; it scales to the width of its box. */
const AREA = { width: 400, height: 200, left: 34, right: 4, top: 16, bottom: 20 };
const MAX_LABELS = 7;

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  color: string;
}

export function StackedColumnChart<K extends string>({
  id,
  title,
  description,
  buckets,
  bucketLabels,
  bucketTitles,
  series,
  integer = true,
  formatValue,
  marks,
  markLabel,
  legendValue,
}: {
  /** The chart's id: its title's and description's ids, and its test id (`chart-${id}`). */
  id: string;
  title: string;
  description: string;
  buckets: readonly Partial<Record<K, number>>[];
  /** Short labels under the columns. */
  bucketLabels: readonly string[];
  /** Full labels in the tooltips. */
  bucketTitles: readonly string[];
  series: readonly ChartSeries<K>[];
  /** Counts (whole steps on the axis) or rates. */
  integer?: boolean;
  formatValue: (value: number) => string;
  /** Columns that stand out, marked ▲ above them. */
  marks?: readonly boolean[];
  markLabel?: string;
  /** What the legend says of a series; by default its total. */
  legendValue?: (key: K, total: number) => string;
}) {
  const keys = series.map((item) => item.key);
  const chart = stackedColumns(buckets, keys, AREA, { integer });
  const every = labelEvery(buckets.length, MAX_LABELS);
  const bySeries = new Map(series.map((item) => [item.key, item]));
  const totals = series.map((item) => ({
    ...item,
    total: buckets.reduce((sum, bucket) => sum + (bucket[item.key] ?? 0), 0),
  }));
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${AREA.width} ${AREA.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full"
        data-testid={`chart-${id}`}
        fontSize="11"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g data-part="grid">
          {chart.scale.ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={chart.plot.left}
                x2={chart.plot.right}
                y1={chart.yOf(tick)}
                y2={chart.yOf(tick)}
                stroke={tick === 0 ? "#475569" : "#E2E8F0"}
                strokeWidth="1"
              />
              <text
                x={chart.plot.left - 4}
                y={chart.yOf(tick)}
                textAnchor="end"
                dominantBaseline="middle"
                fill="#334155"
              >
                {formatValue(tick)}
              </text>
            </g>
          ))}
        </g>
        <g data-part="columns">
          {chart.columns.map((column) => (
            <g key={column.index} data-bucket={bucketTitles[column.index]} data-total={column.total}>
              {column.segments.map((segment) => (
                <rect
                  key={segment.key}
                  x={column.x}
                  y={segment.y}
                  width={column.width}
                  height={segment.height}
                  fill={bySeries.get(segment.key)?.color}
                  stroke="#FFFFFF"
                  strokeWidth={column.width > 4 ? 0.5 : 0}
                  data-series={segment.key}
                  data-value={segment.value}
                >
                  <title>{`${bucketTitles[column.index]} · ${bySeries.get(segment.key)?.label}: ${formatValue(segment.value)}`}</title>
                </rect>
              ))}
              {marks?.[column.index] ? (
                <text
                  x={column.center}
                  y={(column.segments.at(-1)?.y ?? chart.plot.bottom) - 3}
                  textAnchor="middle"
                  fill="#92400E"
                  fontWeight="bold"
                  data-mark="outlier"
                >
                  ▲<title>{`${bucketTitles[column.index]}: ${markLabel ?? ""}`}</title>
                </text>
              ) : null}
            </g>
          ))}
        </g>
        <g data-part="labels" fill="#334155">
          {chart.columns.map((column) =>
            column.index % every === 0 ? (
              <text key={column.index} x={column.center} y={AREA.height - 6} textAnchor="middle">
                {bucketLabels[column.index]}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" data-testid={`legend-${id}`}>
          {totals
            .filter((item) => item.total > 0)
            .map((item) => (
              <li key={item.key} className="inline-flex items-center gap-1.5" data-series={item.key}>
                <svg aria-hidden="true" viewBox="0 0 10 10" className="size-3 shrink-0">
                  <rect width="10" height="10" rx="2" fill={item.color} />
                </svg>
                <span>{item.label}</span>
                <span className="font-semibold tabular-nums">
                  {legendValue ? legendValue(item.key, item.total) : formatValue(item.total)}
                </span>
              </li>
            ))}
        </ul>
      </figcaption>
    </figure>
  );
}
