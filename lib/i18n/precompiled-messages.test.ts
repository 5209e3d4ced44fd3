// The app's build precompiles every message (next.config.ts: next-intl's `messages.precompile`,
// which keeps the ICU parser out of the browser) and formats them with icu-minify, while tests,
// scripts and next-intl without the plugin parse them at run time with intl-messageformat. Both
// must say the same thing: every message of every locale, with any values, formats identically.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import compile from "icu-minify/compile";
import format from "icu-minify/format";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, test } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";

const MESSAGES_DIR = path.resolve(__dirname, "..", "..", "messages");

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

function catalogue(locale: string): [string, string][] {
  const folder = path.join(MESSAGES_DIR, locale);
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .flatMap((file) => flatten(JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Messages));
}

type Value = string | number | ((chunks: unknown[]) => string);

/** An element of intl-messageformat's AST, only as far as this test reads it. */
type AstElement = {
  type: number;
  value?: string;
  options?: Record<string, { value: AstElement[] }>;
  children?: AstElement[];
};

// intl-messageformat's TYPE enum: argument 1, number 2, date 3, time 4, select 5, plural 6, tag 8.
const TYPE = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;

/** A generator of values for every argument the message takes. */
function valuesFor(elements: AstElement[], into: Record<string, fc.Arbitrary<Value>> = {}) {
  for (const element of elements) {
    const name = element.value ?? "";
    if (element.type === TYPE.argument) into[name] ??= fc.string({ maxLength: 12 });
    else if (element.type === TYPE.number || element.type === TYPE.plural)
      into[name] = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 1, 2));
    else if (element.type === TYPE.date || element.type === TYPE.time)
      throw new Error("dates in messages: extend this test with a date generator");
    else if (element.type === TYPE.select) into[name] = fc.constantFrom(...Object.keys(element.options ?? {}));
    else if (element.type === TYPE.tag) {
      into[name] = fc.constant((chunks: unknown[]) => `<${name}>${chunks.join("")}</${name}>`);
    }
    for (const option of Object.values(element.options ?? {})) valuesFor(option.value, into);
    if (element.children) valuesFor(element.children, into);
  }
  return into;
}

const formatters = {
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};

const asText = (formatted: unknown) => (Array.isArray(formatted) ? formatted.join("") : String(formatted));

describe.each(LOCALES)("messages/%s", (locale) => {
  const messages = catalogue(locale);

  test("has messages to check", () => {
    expect(messages.length).toBeGreaterThan(100);
  });

  test("every message formats the same precompiled (the build) as parsed at run time", () => {
    for (const [key, message] of messages) {
      const runtime = new IntlMessageFormat(message, locale);
      const compiled = compile(message);
      const arbitraries = valuesFor(runtime.getAst() as AstElement[]);
      fc.assert(
        fc.property(fc.record(arbitraries), (values) => {
          const expected = asText(runtime.format(values as Record<string, string | number>));
          const actual = asText(format(compiled, locale, values, { formatters, timeZone: "Asia/Shanghai" }));
          expect(actual, `${locale} ${key}`).toBe(expected);
        }),
        { numRuns: Object.keys(arbitraries).length ? 25 : 1 },
      );
    }
  });
});
