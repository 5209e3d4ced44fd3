// A list page's status filter as links (`?status=…`, "all" first), the current one marked with
// aria-current, 44 px targets: it works without JavaScript. The page reads the parameter back with
// lib/http/search-param.ts and words each link in its own messages.
import Link from "next/link";

export function StatusFilterLinks<Status extends string>({
  label,
  path,
  statuses,
  current,
  wording,
}: {
  /** The navigation's accessible name. */
  label: string;
  path: string;
  statuses: readonly Status[];
  current: Status | undefined;
  wording: (key: "all" | Status) => string;
}) {
  const filters = [
    { key: "all" as const, href: path, current: current === undefined },
    ...statuses.map((status) => ({ key: status, href: `${path}?status=${status}`, current: current === status })),
  ];
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {filters.map((filter) => (
          <li key={filter.key}>
            <Link
              href={filter.href}
              aria-current={filter.current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm ${
                filter.current ? "bg-slate-900 text-white" : "text-blue-800 underline underline-offset-2"
              }`}
            >
              {wording(filter.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
