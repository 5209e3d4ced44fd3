// A long <select>'s options as one HTML string, its inner HTML: a chain's 500 stores in a filter,
// its 1,500 people in the prevention form. As <option> elements React writes each twice — into the
// HTML and, as an element, into the page's RSC payload (~130 bytes a store together) — renders
// each on the server and hydrates each in the browser. As one string each option is ~35 bytes in
// each and the list one node to render. The select stays native (keyboard, screen readers,
// without JavaScript). Pure; no React.

export interface OptionChoice {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: readonly OptionChoice[];
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => TEXT_ESCAPES[char]);

/** An attribute's value: bare when HTML allows it (no space, quote, =, <, >, `), else quoted. */
function attribute(value: string): string {
  return value !== "" && /^[A-Za-z0-9_.:/-]+$/.test(value) ? value : `"${escapeHtml(value)}"`;
}

function option({ value, label }: OptionChoice, selected: string | undefined): string {
  // An option's end tag is optional when another option, a group or the select's end follows.
  return `<option value=${attribute(value)}${value === selected ? " selected" : ""}>${escapeHtml(label)}`;
}

/**
 * The options, with an optional first choice (a placeholder or "all", usually with the value ""),
 * then the choices or groups of choices; `selected` is the value chosen (none: the browser's
 * default, the first).
 */
export function optionsHtml({
  first,
  options = [],
  groups = [],
  selected,
}: {
  first?: OptionChoice;
  options?: readonly OptionChoice[];
  groups?: readonly OptionGroup[];
  selected?: string;
}): string {
  let html = first ? option(first, selected) : "";
  for (const choice of options) html += option(choice, selected);
  for (const group of groups) {
    html += `<optgroup label=${attribute(group.label)}>`;
    for (const choice of group.options) html += option(choice, selected);
  }
  return html;
}
