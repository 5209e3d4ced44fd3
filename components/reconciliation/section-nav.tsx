// The reconciliation's own sections, the current one marked (aria-current), 44 px targets.
import Link from "next/link";
import { useTranslations } from "next-intl";

const SECTIONS = [
  { key: "overview", href: "/reconciliation" },
  { key: "exceptions", href: "/reconciliation/exceptions" },
  { key: "formats", href: "/reconciliation/formats" },
] as const;

export type ReconciliationSection = (typeof SECTIONS)[number]["key"];

export function SectionNav({ current }: { current: ReconciliationSection }) {
  const t = useTranslations("Reconciliation.nav");
  return (
    <nav aria-label={t("label")} className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200">
        {SECTIONS.map((section) => (
          <li key={section.key}>
            <Link
              href={section.href}
              aria-current={section.key === current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                section.key === current
                  ? "border-blue-700 font-semibold text-slate-900"
                  : "border-transparent text-slate-700 hover:text-slate-900 hover:underline"
              }`}
            >
              {t(section.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
