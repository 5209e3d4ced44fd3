// The filter bars of the incident list, the finance queue and the reconciliation (period filters
// and the exceptions' extra selects) draw their selects with the one kit piece,
// components/ui/filter-select.tsx, instead of each copying the label-select-"all" block. What the
// pages render is checked end to end by their specs (work-queues, reconciliation); here the kit
// piece's markup: the label bound to the select, the "all" choice first with no value, the
// address's value chosen.
import fs from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { FilterSelect, storeOptions } from "@/components/ui/filter-select";

const FILTER_FILES = [
  "components/incidents/incident-filters.tsx",
  "components/casework/finance-queue-controls.tsx",
  "components/reconciliation/period-filters.tsx",
  "app/reconciliation/exceptions/page.tsx",
];

const stores = storeOptions([
  { id: "store-1", name: "Store 1" },
  { id: "store-2", name: "Store <2>" },
]);

describe("filter selects", () => {
  test("the filter bars draw no select of their own: they use the kit's FilterSelect", () => {
    for (const file of FILTER_FILES) {
      const source = fs.readFileSync(file, "utf8");
      expect(source, file).not.toMatch(/<select\b/);
      expect(source, file).toMatch(/<FilterSelect\b/);
    }
  });

  test("a filter select: labelled, named for the query, the empty 'all' choice first, the current value chosen", () => {
    const html = renderToStaticMarkup(
      createElement(FilterSelect, {
        id: "finance-store",
        name: "storeId",
        label: "Store",
        value: "store-2",
        allLabel: "All stores",
        options: stores,
      }),
    );
    expect(html).toContain('<label for="finance-store"');
    expect(html).toMatch(/<select id="finance-store" name="storeId"/);
    const options = [...html.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map((match) => ({
      value: match[1],
      selected: Boolean(match[2]),
      label: match[3],
    }));
    expect(options).toEqual([
      { value: "", selected: false, label: "All stores" },
      { value: "store-1", selected: false, label: "Store 1" },
      { value: "store-2", selected: true, label: "Store &lt;2&gt;" },
    ]);
  });

  test("with no value the 'all' choice is chosen; without an 'all' choice the first one is", () => {
    const all = renderToStaticMarkup(
      createElement(FilterSelect, {
        id: "s",
        name: "storeId",
        label: "Store",
        value: undefined,
        allLabel: "All",
        options: stores,
      }),
    );
    expect(all).toContain('<option value="" selected="">All</option>');
    const always = renderToStaticMarkup(
      createElement(FilterSelect, { id: "t", name: "status", label: "Status", value: undefined, options: stores }),
    );
    expect(always).not.toContain('value=""');
    expect(always).not.toContain("selected");
  });
});
