// The frame of an /admin section and the tables in it: a titled section, and a table with a
// caption, column headings and the rows it is given.
import type { ReactNode } from "react";

export function AdminSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

export function AdminTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-2 text-left font-medium text-slate-800">{caption}</caption>
      <thead>
        <tr className="text-slate-600">
          {columns.map((column, index) => (
            <th
              key={column}
              scope="col"
              className={index < columns.length - 1 ? "py-2 pr-3 font-medium" : "py-2 font-medium"}
            >
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
