// Every client component finds its messages: for each route of CLIENT_MESSAGES, the imports of
// its pages, layouts and error boundaries are followed into the client components they render,
// and each namespace those read with useTranslations must be in the route's set (a missing one
// throws in the browser). Plus pickMessages' own behaviour, with fast-check.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  CLIENT_MESSAGES,
  type ClientMessagesRoute,
  ERROR_TEXT_NAMESPACES,
  type MessageTree,
  pickMessages,
} from "@/lib/i18n/client-messages";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
/** Files of a route folder that render inside its layout (global-error.tsx has its own provider). */
const ROUTE_FILES = ["layout.tsx", "page.tsx", "error.tsx", "not-found.tsx", "loading.tsx", "template.tsx"];
/** Files that read the root namespace, and what they read from it. */
const ROOT_NAMESPACE_READERS: Record<string, readonly string[]> = {
  "components/ui/error-text.ts": ERROR_TEXT_NAMESPACES,
};

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null; // JSON, CSS
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;"']*?\sfrom\s*)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+)["']\s*\)/g;
const USE_CLIENT = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*["']use client["']/;
const USE_TRANSLATIONS = /useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g;
/** Comments (a URL's "//" inside a string is kept by requiring no colon before it). */
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g;

function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    if (match[2]) continue; // a type: no code
    const resolved = resolveImport(file, match[3]);
    if (resolved) found.push(resolved);
  }
  for (const match of source.matchAll(DYNAMIC_IMPORT)) {
    const resolved = resolveImport(file, match[1]);
    if (resolved) found.push(resolved);
  }
  return found;
}

/** The namespaces client code reads, reached from `entries` (server files until a "use client"). */
function clientNamespaces(entries: string[]): Map<string, string> {
  const needs = new Map<string, string>(); // namespace → a file that reads it
  const seen = new Set<string>();
  const visit = (file: string, client: boolean) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = fs.readFileSync(file, "utf8");
    const isClient = client || USE_CLIENT.test(source);
    if (isClient) {
      const relative = path.relative(ROOT, file);
      for (const match of source.replace(COMMENTS, "$1").matchAll(USE_TRANSLATIONS)) {
        const namespace = match[1];
        if (namespace) needs.set(namespace, relative);
        else {
          const reads = ROOT_NAMESPACE_READERS[relative];
          if (!reads) throw new Error(`${relative} reads the root namespace: list what it reads in this test.`);
          for (const read of reads) needs.set(read, relative);
        }
      }
    }
    for (const imported of importsOf(file, source)) visit(imported, isClient);
  };
  for (const entry of entries) visit(entry, false);
  return needs;
}

/** The route files of a folder and its subfolders, down to a folder with a route of its own. */
function routeEntries(route: ClientMessagesRoute): string[] {
  const folder = route === "/" ? APP : path.join(APP, route);
  const routes = new Set(Object.keys(CLIENT_MESSAGES).map((key) => (key === "/" ? APP : path.join(APP, key))));
  const entries: string[] = [];
  const walk = (dir: string) => {
    for (const name of ROUTE_FILES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) entries.push(file);
    }
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!child.isDirectory() || child.name === "api") continue;
      const sub = path.join(dir, child.name);
      if (!routes.has(sub)) walk(sub);
    }
  };
  walk(folder);
  return entries;
}

/** A namespace is sent when it or a namespace above it is in the set. */
const covered = (namespace: string, sent: readonly string[]) =>
  sent.some((path) => namespace === path || namespace.startsWith(`${path}.`));

describe("the messages each route sends its client components", () => {
  for (const route of Object.keys(CLIENT_MESSAGES) as ClientMessagesRoute[]) {
    test(`${route}: every namespace its client components read is sent`, () => {
      const entries = routeEntries(route);
      expect(entries.length).toBeGreaterThan(0);
      const missing = [...clientNamespaces(entries)]
        .filter(([namespace]) => !covered(namespace, CLIENT_MESSAGES[route]))
        .map(([namespace, file]) => `${namespace} (${file})`);
      expect(missing).toEqual([]);
    });

    test(`${route}: sends nothing its client components do not read`, () => {
      const needs = [...clientNamespaces(routeEntries(route)).keys()];
      const unread = CLIENT_MESSAGES[route].filter(
        (sent) =>
          !needs.some(
            (namespace) => namespace === sent || namespace.startsWith(`${sent}.`) || sent.startsWith(`${namespace}.`),
          ),
      );
      expect(unread).toEqual([]);
    });
  }

  test("a route folder with its own set wraps its pages in <ClientMessages> with that set", () => {
    for (const route of Object.keys(CLIENT_MESSAGES).filter((key) => key !== "/")) {
      const layout = fs.readFileSync(path.join(APP, route, "layout.tsx"), "utf8");
      expect(layout).toContain(`<ClientMessages route="${route}">`);
    }
    expect(fs.readFileSync(path.join(APP, "layout.tsx"), "utf8")).toContain(`CLIENT_MESSAGES["/"]`);
  });

  test("the walk finds what a client component reads (the test can fail)", () => {
    const needs = clientNamespaces([path.join(APP, "finance", "page.tsx")]);
    expect(needs.get("Finance")).toBe("components/casework/finance-queue.tsx");
    expect(needs.has(ERROR_TEXT_NAMESPACES[0])).toBe(true);
    // A server component's own reads are the server's, not the browser's.
    expect(needs.has("Audit")).toBe(false);
  });

  test("every namespace a route sends names messages, in each language", () => {
    for (const locale of ["en", "zh-CN"]) {
      const folder = path.join(ROOT, "messages", locale);
      const all: MessageTree = Object.assign(
        {},
        ...fs.readdirSync(folder).map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), "utf8"))),
      );
      for (const paths of Object.values(CLIENT_MESSAGES)) {
        for (const dotted of paths) expect(at(all, dotted), `${locale}: ${dotted}`).toBeTypeOf("object");
      }
    }
  });
});

const tree: fc.Arbitrary<MessageTree> = fc.letrec((tie) => ({
  tree: fc.dictionary(
    fc.constantFrom("a", "b", "c", "d"),
    fc.oneof({ maxDepth: 3 }, fc.string(), tie("tree") as fc.Arbitrary<MessageTree>),
    { maxKeys: 4 },
  ),
})).tree;
const dottedPath = fc
  .array(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 3 })
  .map((keys) => keys.join("."));

function at(messages: MessageTree, dotted: string): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = messages;
  for (const key of dotted.split(".")) node = typeof node === "object" ? node[key] : undefined;
  return node;
}

describe("pickMessages", () => {
  test("keeps each path's subtree as it is, in its place", () => {
    fc.assert(
      fc.property(tree, fc.array(dottedPath, { maxLength: 5 }), (messages, paths) => {
        const picked = pickMessages(messages, paths);
        for (const dotted of paths) expect(at(picked, dotted)).toEqual(at(messages, dotted));
      }),
    );
  });

  test("takes nothing outside the paths", () => {
    fc.assert(
      fc.property(tree, fc.array(dottedPath, { maxLength: 5 }), (messages, paths) => {
        const picked = pickMessages(messages, paths);
        const leaves = (node: MessageTree, prefix: string): string[] =>
          Object.entries(node).flatMap(([key, value]) =>
            typeof value === "object" ? leaves(value, `${prefix}${key}.`) : [`${prefix}${key}`],
          );
        for (const leaf of leaves(picked, "")) {
          expect(paths.some((dotted) => leaf === dotted || leaf.startsWith(`${dotted}.`))).toBe(true);
          expect(at(messages, leaf)).toBe(at(picked, leaf));
        }
      }),
    );
  });
});
