import fc from "fast-check";
import { expect, test } from "vitest";
import { CsvSplitter, detectDelimiter, MAX_ROW_CHARS, RowTooLongError } from "@/lib/reconciliation/parse/csv-splitter";

function split(text: string, delimiter = ",", pieces: number[] = []): string[][] {
  const splitter = new CsvSplitter(delimiter);
  const rows: string[][] = [];
  let from = 0;
  for (const at of [...pieces, text.length]) {
    splitter.push(text.slice(from, at), rows);
    from = at;
  }
  splitter.end(rows);
  return rows;
}

test("plain rows, CRLF and LF, last row without a line break", () => {
  expect(split("a,b,c\r\n1,2,3\n4,5,6")).toEqual([
    ["a", "b", "c"],
    ["1", "2", "3"],
    ["4", "5", "6"],
  ]);
});

test("quoted cells hold delimiters, doubled quotes and line breaks, and count as one row", () => {
  const text = 'memo,amount\r\n"Refund, partial","1,280.50"\r\n"He said ""hi""",2\r\n"two\r\nlines",3\r\nplain,4\r\n';
  expect(split(text)).toEqual([
    ["memo", "amount"],
    ["Refund, partial", "1,280.50"],
    ['He said "hi"', "2"],
    ["two\r\nlines", "3"],
    ["plain", "4"],
  ]);
});

test("a quote inside an unquoted cell is kept as written", () => {
  expect(split('12" screen,5\r\n')).toEqual([['12" screen', "5"]]);
});

test("blank lines stay rows, so the row count matches a spreadsheet", () => {
  expect(split("a\r\n\r\nb\r\n")).toEqual([["a"], [""], ["b"]]);
});

test("tabs split a TSV, commas inside it stay in the cell", () => {
  expect(split("金额\t备注\r\n1,280.50\tx\r\n", "\t")).toEqual([
    ["金额", "备注"],
    ["1,280.50", "x"],
  ]);
});

test("the rows do not depend on where the text is cut into chunks", () => {
  const text = 'a,"b\r\nc",d\r\n"e""f",g\r\nh,i\r\n"",j\r\n"k"\r\n';
  const whole = split(text);
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }), (cuts) => {
      expect(
        split(
          text,
          ",",
          [...cuts].sort((x, y) => x - y),
        ),
      ).toEqual(whole);
    }),
  );
});

test("a quote that never closes is refused instead of swallowing the file", () => {
  expect(() => split('a,b\r\n"open,1\r\nmore,2\r\n')).toThrow(RowTooLongError);
  const splitter = new CsvSplitter(",");
  const rows: string[][] = [];
  splitter.push('x\r\n"never closed', rows);
  expect(() => {
    for (let i = 0; i < 20; i++) splitter.push("y".repeat(MAX_ROW_CHARS / 10), rows);
  }).toThrow(RowTooLongError);
  expect(rows).toEqual([["x"]]);
});

test("delimiter: tab when the header region is tab-separated, even with thousands commas", () => {
  expect(detectDelimiter("Report\n时间\t终端号\t金额\n2026-11-30\tT1\t1,280.50\n", "\n")).toBe("\t");
  expect(detectDelimiter("Report, daily\n时间,终端号,金额\n", "\n")).toBe(",");
  expect(detectDelimiter('"a\tb",c,d\n', "\n")).toBe(",");
});
