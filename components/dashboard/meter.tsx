// A bar's length for a value beside its number (open cases by age, time to close, rates): a small
// SVG, hidden from screen readers, since the number beside it says the same. An optional back bar
// (the 90th percentile behind the median) and a second colour for the rest (lost vs recovered).
import { barFraction } from "@/lib/dashboard/chart-geometry";
import { BAR_BACK_COLOR, BAR_COLOR } from "./palette";

export function Meter({
  value,
  max,
  back,
  color = BAR_COLOR,
  backColor = BAR_BACK_COLOR,
  className = "h-2 w-full",
}: {
  value: number | null;
  max: number;
  /** A longer value drawn lighter behind the bar. */
  back?: number | null;
  color?: string;
  backColor?: string;
  className?: string;
}) {
  const front = barFraction(value, max) * 100;
  const behind = back === undefined ? 0 : barFraction(back, max) * 100;
  return (
    <svg aria-hidden="true" viewBox="0 0 100 4" preserveAspectRatio="none" className={`block ${className}`}>
      <rect width="100" height="4" fill="#F1F5F9" />
      {behind > 0 ? <rect width={behind} height="4" fill={backColor} data-part="back" /> : null}
      {front > 0 ? <rect width={front} height="4" fill={color} data-part="bar" /> : null}
    </svg>
  );
}
