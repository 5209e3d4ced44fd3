// The links of a list read a page at a time after a cursor (/alerts, /training): back to the first
// page when past it, and on to the next when there is one. Plain links, so they work without
// JavaScript; 44 px tall on a phone. Renders nothing when there is neither.
import Link from "next/link";

export function PagerLinks({
  label,
  first,
  next,
}: {
  /** The navigation's accessible name. */
  label: string;
  first: { href: string; text: string } | null;
  next: { href: string; text: string; testId: string } | null;
}) {
  if (!first && !next) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap gap-4">
      {first ? (
        <Link
          href={first.href}
          className="inline-flex h-11 items-center font-medium text-blue-800 underline underline-offset-2"
        >
          {first.text}
        </Link>
      ) : null}
      {next ? (
        <Link
          href={next.href}
          rel="next"
          data-testid={next.testId}
          className="inline-flex h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium text-blue-800 hover:bg-slate-50"
        >
          {next.text}
        </Link>
      ) : null}
    </nav>
  );
}
