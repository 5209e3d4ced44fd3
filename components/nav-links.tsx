"use client";
// The header's main links, the current page marked for everyone (aria-current and an underline).
// Client-side only for the pathname; on a phone each link shows its short label.
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  shortLabel: string;
}

/** The item the path falls under: the longest href that is the path or a folder of it. */
function currentHref(items: NavItem[], pathname: string): string | null {
  const matches = items
    .map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length);
  return matches[0] ?? null;
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? "";
  const current = currentHref(items, pathname);
  return (
    <ul className="flex min-w-0 items-center">
      {items.map((item) => {
        const isCurrent = item.href === current;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? "page" : undefined}
              className={`inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 sm:px-3 ${
                isCurrent
                  ? "border-blue-700 font-semibold text-slate-900"
                  : "border-transparent text-slate-700 hover:text-slate-900 hover:underline"
              }`}
            >
              <span className="sm:hidden">{item.shortLabel}</span>
              <span className="max-sm:hidden">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
