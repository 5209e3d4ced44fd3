// The kit's select for a filter bar (a plain GET form: every view a link, no JavaScript needed):
// its label, an optional "all" choice with no value (no filter), then the choices. Used by the
// incident list, the finance queue and the reconciliation's period filters.
import type { ReactNode } from "react";
import { optionsHtml } from "@/components/ui/options-html";

/** The compact control of a filter bar (selects and the date and search inputs beside them). */
export const filterControlClass =
  "block h-11 w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 text-base text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-600 sm:px-3 sm:text-sm";
export const filterLabelClass = "mb-1 block text-sm font-medium text-slate-800";

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
  className,
}: {
  id: string;
  name: string;
  label: ReactNode;
  /** The value chosen now (from the address); absent or "" is the "all" choice, or the first. */
  value: string | undefined;
  /** The first choice, with no value: no filter. Absent when a choice is always made. */
  allLabel?: string;
  options: readonly FilterOption[];
  /** Classes of the wrapper (its place in the form's grid). */
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={filterLabelClass}>
        {label}
      </label>
      {/* The options as one string (components/ui/options-html.ts): an admin's store filter has 500. */}
      <select
        id={id}
        name={name}
        className={filterControlClass}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: optionsHtml escapes every value and label
        dangerouslySetInnerHTML={{
          __html: optionsHtml({
            first: allLabel === undefined ? undefined : { value: "", label: allLabel },
            options,
            selected: value ?? "",
          }),
        }}
      />
    </div>
  );
}

/** The stores a person may see, as filter choices. */
export function storeOptions(stores: readonly { id: string; name: string }[]): FilterOption[] {
  return stores.map((store) => ({ value: store.id, label: store.name }));
}
