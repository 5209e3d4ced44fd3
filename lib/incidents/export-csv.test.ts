import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CSV_BOM, csvCell, toCsv } from "@/lib/incidents/export-csv";
import { csvRows } from "@/tests/helpers/csv";

describe("csvCell", () => {
  test("prefixes a cell that a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe('"\'\rcmd"');
  });

  test("leaves ordinary text and numbers alone, quotes commas and quotes", () => {
    expect(csvCell("Store 1")).toBe("Store 1");
    expect(csvCell("门店一")).toBe("门店一");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
  });
});

describe("toCsv", () => {
  test("starts with a BOM and ends every row with CRLF", () => {
    expect(toCsv([["a", "b"], ["c"]])).toBe(`${CSV_BOM}a,b\r\nc\r\n`);
  });

  test("any cells read back as written, with formula starts neutralised and nothing else changed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = toCsv(rows);
          const read = csvRows(text);
          expect(read).toEqual(rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
          for (const row of read) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
