"use client";
// The header's main links, the current page marked for everyone (aria-current and an underline).
// Client-side only for the pathname; below 1024 px each link shows its short label.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

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
  const currentLink = useRef<HTMLAnchorElement>(null);
  // The bar scrolls when the links do not fit: keep the current page's link in sight.
  useEffect(() => {
    if (current) currentLink.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current]);
  return (
    // More links than fit (an admin's eight on a phone) scroll sideways inside the bar instead of
    // pushing the page wider or running under the bell.
    <ul className="flex min-w-0 items-center overflow-x-auto [scrollbar-width:thin]">
      {items.map((item) => {
        const isCurrent = item.href === current;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              ref={isCurrent ? currentLink : undefined}
              aria-current={isCurrent ? "page" : undefined}
              className={`inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 sm:px-3 ${
                isCurrent
                  ? "border-blue-700 font-semibold text-slate-900"
                  : "border-transparent text-slate-700 hover:text-slate-900 hover:underline"
              }`}
            >
              <span className="lg:hidden">{item.shortLabel}</span>
              <span className="max-lg:hidden">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
