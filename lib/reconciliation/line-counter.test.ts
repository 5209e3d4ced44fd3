import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createLineCounter } from "@/lib/reconciliation/line-counter";

function countIn(text: string, cuts: number[] = []): number {
  const bytes = Buffer.from(text, "latin1");
  const counter = createLineCounter();
  let start = 0;
  for (const cut of [...cuts].map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b)) {
    counter.push(bytes.subarray(start, cut));
    start = cut;
  }
  counter.push(bytes.subarray(start));
  return counter.count();
}

describe("counting a file's lines", () => {
  test.each([
    ["a\nb\nc\n", 3],
    ["a\r\nb\r\nc\r\n", 3],
    ["a\rb\rc\r", 3],
    ["a\nb\nc", 3],
    ["a\r\n\r\nb", 3],
    ["", 0],
    ["\n", 1],
  ])("%j has %d", (text, lines) => {
    expect(countIn(text)).toBe(lines);
  });

  test("a CRLF cut between its CR and its LF is one line end", () => {
    expect(countIn("a\r\nb\r\n", [2])).toBe(2);
  });

  test("property: as many as the lines a splitter on LF, CRLF and CR finds, however the chunks are cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "1", ",", "\r", "\n", "\r\n"), { maxLength: 40 }),
        fc.array(fc.nat(60), { maxLength: 5 }),
        (pieces, cuts) => {
          const text = pieces.join("");
          const expected = text === "" ? 0 : text.replace(/(\r\n|\r|\n)$/, "").split(/\r\n|\r|\n/).length;
          expect(countIn(text, cuts)).toBe(expected);
        },
      ),
    );
  });
});
