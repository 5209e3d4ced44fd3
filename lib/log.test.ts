// Log lines never carry a full card number, whatever encoding it arrived in: a URL's `+` and
// percent-escapes, JSON escapes, or the separators and digit forms the detector knows.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { log } from "@/lib/log";
import { asciiDigitsOf, text, writeDigit, writtenPan } from "@/tests/helpers/card-numbers";

// Put together at run time, so no full card number sits in the source.
const groups = ["4111", "1111", "1111", "1111"];
const visa = groups.join("");
let lines: string[] = [];

beforeEach(() => {
  lines = [];
  // The console is where lines go, not the thing under test: capture what would be written.
  for (const method of ["log", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Undoes, independently of the code under test, every encoding a reader of the log could undo. */
function readings(line: string): string[] {
  const found: string[] = [line];
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") strings.push(value);
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        strings.push(key);
        walk(item);
      }
    }
  };
  walk(JSON.parse(line));
  for (let value of strings) {
    for (let round = 0; round < 4; round++) {
      found.push(value);
      const form = value.replaceAll("+", " ");
      found.push(form);
      let next = form.replace(/(?:%[0-9a-f]{2})+/gi, (escapes) => {
        try {
          return decodeURIComponent(escapes);
        } catch {
          return escapes;
        }
      });
      next = next.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      if (next === value) break;
      value = next;
    }
  }
  return found;
}

function expectNoCardNumber(card: string) {
  expect(lines).toHaveLength(1);
  for (const reading of readings(lines[0])) expect(asciiDigitsOf(reading)).not.toContain(card);
}

describe("log lines", () => {
  test.each([
    ["plain", `/api/incidents?q=${visa}`],
    ["spaces re-encoded as +", `/api/incidents?q=${groups.join("+")}`],
    ["spaces percent-encoded", `/api/incidents?q=${groups.join("%20")}`],
    ["digits percent-encoded", "/api/incidents?q=%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%31"],
    ["digits encoded twice", `/api/incidents?q=%2534%2531%2531%2531${"1".repeat(12)}`],
    [
      "full-width digits, as a URL encodes them",
      `/api/incidents?q=${encodeURIComponent(visa.replace(/\d/g, (digit) => writeDigit(digit, "fullWidth")))}`,
    ],
    ["a newline between groups", `/api/incidents?q=${encodeURIComponent(groups.join("\n"))}`],
  ])("a card number in a URL (%s) does not reach the line", (_how, path) => {
    log.error("Unhandled error in API route", { method: "GET", url: `http://localhost${path}` });
    expectNoCardNumber(visa);
    expect(lines[0]).toContain("****1111");
  });

  test("a card number in JSON escapes inside a logged string does not reach the line", () => {
    const body = `{"description":"${[...visa].map((digit) => `\\u003${digit}`).join("")}"}`;
    log.warn("Odd body", { body });
    expectNoCardNumber(visa);
  });

  test("a card number written with newlines, which the line writes as \\n, does not reach it", () => {
    log.info("Note", { note: groups.join("\n") });
    expectNoCardNumber(visa);
  });

  test("a card number in an error's message, a number value, or a key does not reach the line", () => {
    log.error("Failed", { error: new Error(`card ${visa} declined`), amount: Number(visa), [visa]: "key" });
    expectNoCardNumber(visa);
    expect(JSON.parse(lines[0]).error.message).toBe("card ****1111 declined");
  });

  test("a logged object that refers to itself is written, not thrown", () => {
    const context: Record<string, unknown> = { note: visa };
    context.self = context;
    expect(() => log.info("Cycle", context)).not.toThrow();
    expectNoCardNumber(visa);
  });

  test("any card number, written any way and encoded as a URL, form or JSON text would be, never reaches a line", () => {
    const encodings = [
      (value: string) => value,
      (value: string) => encodeURIComponent(value),
      (value: string) => encodeURIComponent(value).replaceAll("%20", "+"),
      (value: string) => encodeURIComponent(encodeURIComponent(value)),
      (value: string) => JSON.stringify(value).slice(1, -1),
      // Every UTF-16 code unit as \uXXXX, as JSON escapes text: a digit outside the BMP (𝟏) is
      // a surrogate pair, both halves written (taking one half per character lost the digit).
      (value: string) =>
        Array.from(
          { length: value.length },
          (_, at) => `\\u${value.charCodeAt(at).toString(16).padStart(4, "0")}`,
        ).join(""),
    ];
    fc.assert(
      fc.property(
        writtenPan,
        fc.constantFrom(...encodings),
        text,
        text,
        fc.constantFrom("message", "context", "error"),
        ({ number, written }, encode, before, after, where) => {
          lines = [];
          const value = encode(`${before}${written}${after}`);
          if (where === "message") log.info(value);
          else if (where === "context") log.warn("Seen", { nested: { url: `http://localhost/?q=${value}` } });
          else log.error("Failed", { error: new Error(value) });
          expectNoCardNumber(number);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("text without card numbers is written as it was", () => {
    const url = "http://localhost/api/incidents?q=T1000001+slip&from=2026-03-01&limit=50";
    log.info("Listed", { url, count: 3 });
    const line = JSON.parse(lines[0]);
    expect(line.url).toBe(url);
    expect(line.count).toBe(3);
    expect(line.level).toBe("info");
  });
});
