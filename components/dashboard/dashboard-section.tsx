// One figure of the dashboard: a titled section (a card on a wide screen, full width on a phone)
// holding its chart, the table of its numbers and the CSV of that table.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TableData } from "@/lib/dashboard/dashboard-tables";
import { DataTable } from "./data-table";

export function DashboardSection({
  id,
  title,
  note,
  table,
  csvHref,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  /** The numbers behind the chart, under it in a disclosure; none when there is nothing to show. */
  table?: TableData | null;
  csvHref?: string | null;
  /** Both columns of the desktop grid. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-testid={`section-${id}`}
      className={`min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4 ${wide ? "lg:col-span-2" : ""}`}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {note ? <p className="text-sm text-slate-600">{note}</p> : null}
      {children}
      {table ? <DataTable id={id} caption={title} data={table} /> : null}
      {csvHref ? <CsvLink href={csvHref} title={title} testId={`csv-${id}`} /> : null}
    </section>
  );
}

export function CsvLink({ href, title, testId }: { href: string; title: string; testId: string }) {
  const t = useTranslations("Dashboard");
  return (
    <a
      href={href}
      download
      data-testid={testId}
      className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-blue-800 underline underline-offset-2"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t("downloadCsv")}
      <span className="sr-only">: {title}</span>
    </a>
  );
}

/** What a figure with nothing to show says, and what to do next. */
export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId: string }) {
  return (
    <div
      className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-4 text-slate-800"
      data-testid={testId}
    >
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm">{children}</div> : null}
    </div>
  );
}
