import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lineIdentity, twinsOfDay } from "@/lib/reconciliation/import/earlier-lines";
import { LINE_COLUMNS, posLineValues } from "@/lib/reconciliation/import/line-columns";
import type { PosRecord } from "@/lib/reconciliation/types";

const record: PosRecord = {
  line: 3,
  txAt: "2026-11-18 10:00:00",
  acquirerMid: null,
  tid: "T1000001",
  cardMasked: "622202******0128",
  txType: "sale",
  amountMinor: 2500,
  rrn: "Q002",
  authCode: "A1",
  traceNo: "000002",
  batchNo: "001",
  approved: true,
  signed: false,
  operator: "01",
  origRrn: null,
  origTrace: null,
};
const FILE_COLUMNS = LINE_COLUMNS.indexOf("tid");
const row = (changes: Partial<PosRecord> = {}, place = { terminalId: "t1", storeId: "s1" }) =>
  posLineValues({ ...record, ...changes }, place, { merchantId: "m1", importId: "i1" }).slice(FILE_COLUMNS);

describe("a line's identity across files", () => {
  test("a staged row and the same line read back from either database are one line", () => {
    const staged = row();
    // SQLite gives booleans as 1/0, PostgreSQL's BigInt as text
    const fromSqlite = staged.map((value) => (typeof value === "boolean" ? (value ? 1 : 0) : value));
    const fromPostgres = staged.map((value) => (typeof value === "number" ? String(value) : value));
    expect(lineIdentity(fromSqlite)).toBe(lineIdentity(staged));
    expect(lineIdentity(fromPostgres)).toBe(lineIdentity(staged));
  });

  test("the line's number in the file, its store and terminal row do not count; every file column does", () => {
    expect(lineIdentity(row({ line: 900 }, { terminalId: "t9", storeId: "s9" }))).toBe(lineIdentity(row()));
    for (const change of [
      { txAt: "2026-11-18 10:00:01" },
      { amountMinor: 2501 },
      { rrn: "Q003" },
      { rrn: null },
      { traceNo: "000003" },
      { signed: true },
      { signed: null },
      { cardMasked: "622202******0129" },
      { operator: null },
      { txType: "refund" as const },
    ]) {
      expect(lineIdentity(row(change)), JSON.stringify(change)).not.toBe(lineIdentity(row()));
    }
  });

  test("property: two lists of column values are one identity exactly when they are equal", () => {
    const values = fc.array(fc.option(fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(lineIdentity(a) === lineIdentity(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
  });
});

describe("the twins of one day", () => {
  const staged = (...identities: string[]) => identities.map((identity, index) => ({ identity, ref: index + 2 }));

  test("a file that covers the day leaves out one twin per earlier line, the first ones met", () => {
    expect(twinsOfDay(["a", "b", "b"], staged("a", "b", "c", "b", "b"))).toEqual([2, 3, 5]);
  });

  test("a file that misses an earlier line of the day leaves nothing out", () => {
    expect(twinsOfDay(["a", "b"], staged("b", "b"))).toEqual([]);
    expect(twinsOfDay(["a", "a"], staged("a"))).toEqual([]);
  });

  test("a day without earlier lines has no twins", () => {
    expect(twinsOfDay([], staged("a"))).toEqual([]);
  });

  test("property: either every earlier line has exactly one twin among the staged, or none is left out", () => {
    const identities = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 12 });
    fc.assert(
      fc.property(identities, identities, (earlier, file) => {
        const lines = staged(...file);
        const twins = twinsOfDay(earlier, lines);
        if (twins.length === 0) return;
        expect(twins).toHaveLength(earlier.length);
        const chosen = lines.filter((line) => twins.includes(line.ref)).map((line) => line.identity);
        expect([...chosen].sort()).toEqual([...earlier].sort());
      }),
    );
  });
});
