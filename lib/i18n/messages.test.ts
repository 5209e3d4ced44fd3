// The two languages hold the same texts: every message file of one locale exists in the other,
// with the same keys, and no text is empty. A text added in English only fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, test } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";
import { BANK_LINE_CATEGORIES, LINE_CATEGORIES, SETTLEMENT_CATEGORIES } from "@/lib/reconciliation/types";

const ROOT = path.resolve(__dirname, "../../messages");

function areas(locale: string): string[] {
  return readdirSync(path.join(ROOT, locale))
    .filter((file) => file.endsWith(".json"))
    .sort();
}

/** Every leaf of a message tree as "a.b.c" → text. */
function leaves(tree: unknown, prefix = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (tree && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      for (const [leaf, text] of leaves(value, prefix ? `${prefix}.${key}` : key)) found.set(leaf, text);
    }
  } else {
    found.set(prefix, tree);
  }
  return found;
}

function messagesOf(locale: string, area: string): Map<string, unknown> {
  return leaves(JSON.parse(readFileSync(path.join(ROOT, locale, area), "utf8")));
}

const OTHERS = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

describe.each(OTHERS)("%s against English", (locale) => {
  test("has the same message files", () => {
    expect(areas(locale)).toEqual(areas(DEFAULT_LOCALE));
  });

  test.each(areas(DEFAULT_LOCALE))("%s has the same keys both ways", (area) => {
    const english = messagesOf(DEFAULT_LOCALE, area);
    const other = messagesOf(locale, area);
    expect(
      [...english.keys()].filter((key) => !other.has(key)),
      `missing in ${locale}`,
    ).toEqual([]);
    expect(
      [...other.keys()].filter((key) => !english.has(key)),
      `missing in English`,
    ).toEqual([]);
  });
});

describe.each(LOCALES)("%s", (locale) => {
  test.each(areas(locale))("%s has no empty or non-text message", (area) => {
    const empty = [...messagesOf(locale, area)].filter(([, text]) => typeof text !== "string" || !text.trim());
    expect(empty.map(([key]) => key)).toEqual([]);
  });
});

describe.each(LOCALES)("%s names every reconciliation category", (locale) => {
  // The summary, the exceptions filter, the evidence list and the timeline fall back to the raw
  // key when a label is missing: a merchant would read "awaiting_credit".
  test.each([...new Set([...LINE_CATEGORIES, ...BANK_LINE_CATEGORIES, ...SETTLEMENT_CATEGORIES])])("%s", (category) => {
    expect(messagesOf(locale, "reconciliation.json").get(`Exceptions.categories.${category}`)).toEqual(
      expect.any(String),
    );
  });
});

describe("a later file explaining a case, on its timeline", () => {
  // A settle date's credit exception has no transaction line: "0 matching lines" read as if
  // nothing had matched.
  test.each([
    ["en", 0, "A later file explains this"],
    ["en", 1, "A later file explains this: 1 matching line"],
    ["en", 3, "A later file explains this: 3 matching lines"],
    ["zh-CN", 0, "后续文件已对上此笔"],
    ["zh-CN", 3, "后续文件已对上此笔：3 条匹配记录"],
  ] as const)("%s, %i lines", (locale, lines, expected) => {
    const messages = JSON.parse(readFileSync(path.join(ROOT, locale, "casework.json"), "utf8"));
    const t = createTranslator({ locale, messages, namespace: "IncidentDetail.timeline" });
    expect(t("events.reconEvidenceMatched", { lines })).toBe(expected);
  });
});
