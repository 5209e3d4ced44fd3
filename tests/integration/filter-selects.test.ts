// The filter bars of the incident list, the finance queue and the reconciliation (period filters
// and the exceptions' extra selects) draw their selects with the one kit piece,
// components/ui/filter-select.tsx, instead of each copying the label-select-"all" block. What the
// pages render is checked end to end by their specs (work-queues, reconciliation); here the kit
// piece's markup: the label bound to the select, the "all" choice first with no value, the
// address's value chosen.
import fs from "node:fs";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { FilterSelect, storeOptions } from "@/components/ui/filter-select";
import { optionsHtml } from "@/components/ui/options-html";

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
    // The options are the select's inner HTML (components/ui/options-html.ts): bare values, no end tags.
    const options = [...html.matchAll(/<option value=(?:"([^"]*)"|([^\s>]+))( selected)?>([^<]*)/g)].map((match) => ({
      value: match[1] ?? match[2],
      selected: Boolean(match[3]),
      label: match[4],
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
    expect(all).toContain('<option value="" selected>All<');
    const always = renderToStaticMarkup(
      createElement(FilterSelect, { id: "t", name: "status", label: "Status", value: undefined, options: stores }),
    );
    expect(always).not.toContain('value=""');
    expect(always).not.toContain("selected");
  });
});

const UNESCAPES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };
const decodeEntities = (text: string) => text.replace(/&(?:amp|lt|gt|quot);/g, (entity) => UNESCAPES[entity]);

/** The options and groups the HTML parser would see: every tag, in order. */
function parsed(html: string) {
  const tags = [...html.matchAll(/<(option|optgroup) (value|label)=(?:"([^"]*)"|([^\s">=<`']+))( selected)?>([^<]*)/g)];
  // Every "<" of the string opens one of those tags: no label or value can open another.
  expect(tags.length).toBe(html.split("<").length - 1);
  return tags.map((match) => ({
    tag: match[1],
    value: decodeEntities(match[3] ?? match[4]),
    selected: Boolean(match[5]),
    text: decodeEntities(match[6]),
  }));
}

describe("optionsHtml", () => {
  test("any values and labels come back as they were, the chosen one selected, in groups", () => {
    const choice = fc.record({ value: fc.string(), label: fc.string() });
    fc.assert(
      fc.property(
        fc.array(choice, { maxLength: 6 }),
        fc.array(fc.record({ label: fc.string(), options: fc.array(choice, { maxLength: 4 }) }), { maxLength: 3 }),
        fc.option(fc.string(), { nil: undefined }),
        (options, groups, selected) => {
          const expected = [
            ...options.map((o) => ({ tag: "option", value: o.value, selected: o.value === selected, text: o.label })),
            ...groups.flatMap((group) => [
              { tag: "optgroup", value: group.label, selected: false, text: "" },
              ...group.options.map((o) => ({
                tag: "option",
                value: o.value,
                selected: o.value === selected,
                text: o.label,
              })),
            ]),
          ];
          expect(parsed(optionsHtml({ options, groups, selected }))).toEqual(expected);
        },
      ),
    );
  });

  test("a first choice comes first; store ids are written bare", () => {
    expect(optionsHtml({ first: { value: "", label: "All" }, options: [{ value: "store-001", label: "A & B" }] })).toBe(
      '<option value="">All<option value=store-001>A &amp; B',
    );
  });
});
