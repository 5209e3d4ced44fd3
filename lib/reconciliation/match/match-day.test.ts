// A day's matching across its midnights (match-day.ts): each case runs the two days separately, as
// the import job does, and checks that they agree on what straddles midnight.
import { expect, test } from "vitest";
import type { LineOutcome } from "./lines";
import { matchDay } from "./match-day";
import { type ExceptionGroup, matchTransactions, type PosLine, type StatementLine } from "./match-transactions";
import { OPTIONS, posLine, statementLine } from "./test-lines";

const EVE = "2026-11-20";
const NEXT = "2026-11-21";

/** Both days matched apart; every line must get exactly one outcome, from its own day. */
function matchBoth(pos: PosLine[], statement: StatementLine[]) {
  const eve = matchDay(EVE, pos, statement, OPTIONS);
  const next = matchDay(NEXT, pos, statement, OPTIONS);
  const outcomes = (side: "pos" | "statement") => {
    const all = [...eve[side], ...next[side]];
    expect(all.map((outcome) => outcome.id).sort((a, b) => a - b)).toEqual(
      (side === "pos" ? pos : statement).map((line) => line.id).sort((a, b) => a - b),
    );
    return new Map<number, LineOutcome>(all.map((outcome) => [outcome.id, outcome]));
  };
  for (const group of eve.groups) expect(group.day).toBe(EVE);
  for (const group of next.groups) expect(group.day).toBe(NEXT);
  const groups: ExceptionGroup[] = [...eve.groups, ...next.groups];
  return { pos: outcomes("pos"), statement: outcomes("statement"), groups, eve, next };
}

test("a sale at 23:58:30 and its statement line at 00:01:10 the next day pair by the window", () => {
  const pos = [posLine(1, { txAt: `${EVE} 23:58:30` })];
  const statement = [statementLine(101, { txAt: `${NEXT} 00:01:10` })];
  const result = matchBoth(pos, statement);
  expect(result.pos.get(1)).toMatchObject({ category: "matched", matchedLineId: 101, rule: "window" });
  expect(result.statement.get(101)).toMatchObject({ category: "matched", matchedLineId: 1, rule: "window" });
  expect(result.groups).toEqual([]);
  // A day at a time without the neighbours (the defect): neither line found the other.
  expect(matchTransactions(pos, [], OPTIONS).pos[0].category).toBe("pos_only");
  expect(matchTransactions([], statement, OPTIONS).statement[0].category).toBe("statement_only");
});

test("a statement line before midnight pairs with a sale just after it (the acquirer's clock behind)", () => {
  const result = matchBoth(
    [posLine(1, { txAt: `${NEXT} 00:00:30` })],
    [statementLine(101, { txAt: `${EVE} 23:59:40` })],
  );
  expect(result.pos.get(1)).toMatchObject({ category: "matched", matchedLineId: 101, rule: "window" });
  expect(result.statement.get(101)).toMatchObject({ category: "matched", matchedLineId: 1 });
});

test("an rrn pair 22 minutes apart across midnight, at another amount: one amount_mismatch group, the till's day's", () => {
  const result = matchBoth(
    [posLine(1, { txAt: `${EVE} 23:50:00`, rrn: "R1", amountMinor: 6_600 })],
    [statementLine(101, { txAt: `${NEXT} 00:12:00`, rrn: "R1", amountMinor: 6_500 })],
  );
  expect(result.pos.get(1)).toMatchObject({ category: "amount_mismatch", matchedLineId: 101, rule: "rrn" });
  expect(result.statement.get(101)).toMatchObject({ category: "amount_mismatch", matchedLineId: 1, rule: "rrn" });
  expect(result.groups).toEqual([
    expect.objectContaining({ key: "amount_mismatch:1:101", day: EVE, posLineIds: [1], statementLineIds: [101] }),
  ]);
  expect(result.eve.groups).toHaveLength(1);
});

test("two identical swipes 70 s apart on either side of midnight: the later is the duplicate, its day's group", () => {
  const card = "622202******0128";
  const result = matchBoth(
    [
      posLine(1, { txAt: `${EVE} 23:59:30`, cardMasked: card, rrn: "R1" }),
      posLine(2, { txAt: `${NEXT} 00:00:40`, cardMasked: card, rrn: "R2" }),
    ],
    [
      statementLine(101, { txAt: `${NEXT} 00:00:01`, rrn: "R1" }),
      statementLine(102, { txAt: `${NEXT} 00:00:41`, rrn: "R2" }),
    ],
  );
  expect(result.pos.get(1)).toMatchObject({ category: "matched", matchedLineId: 101, rule: "rrn" });
  expect(result.pos.get(2)).toMatchObject({ category: "duplicate", matchedLineId: 102, rule: "rrn" });
  expect(result.groups).toEqual([
    {
      key: "duplicate:2",
      category: "duplicate",
      posLineIds: [1, 2],
      statementLineIds: [101, 102],
      tid: "T0000001",
      batchNo: "000001",
      day: NEXT,
      amountMinor: 12_800,
    },
  ]);
});

test("a statement line equally near a sale of each day is a tie: all three ambiguous, one group", () => {
  const result = matchBoth(
    [posLine(1, { txAt: `${EVE} 23:59:30` }), posLine(2, { txAt: `${NEXT} 00:01:30` })],
    [statementLine(101, { txAt: `${NEXT} 00:00:30` })],
  );
  expect([result.pos.get(1)?.category, result.pos.get(2)?.category, result.statement.get(101)?.category]).toEqual([
    "ambiguous",
    "ambiguous",
    "ambiguous",
  ]);
  expect(result.groups).toEqual([
    expect.objectContaining({ key: "ambiguous:101", day: NEXT, posLineIds: [1, 2], statementLineIds: [101] }),
  ]);
});

test("the nearest candidate wins across midnight, as it would in one day", () => {
  const result = matchBoth(
    [posLine(1, { txAt: `${EVE} 23:58:00` })],
    [statementLine(101, { txAt: `${EVE} 23:50:00` }), statementLine(102, { txAt: `${NEXT} 00:00:10` })],
  );
  expect(result.pos.get(1)).toMatchObject({ category: "matched", matchedLineId: 102 });
  expect(result.statement.get(101)?.category).toBe("statement_only");
  expect(result.groups.map((group) => group.key)).toEqual(["statement_only:101"]);
});

test("a void just after midnight cancels its sale of the same batch just before it", () => {
  const result = matchBoth(
    [
      posLine(1, { txAt: `${EVE} 23:59:00`, traceNo: "000001" }),
      posLine(2, { txAt: `${NEXT} 00:01:00`, txType: "void", traceNo: "000002", origTrace: "000001" }),
    ],
    [],
  );
  expect(result.pos.get(1)).toMatchObject({ category: "voided", originalLineId: null });
  expect(result.pos.get(2)).toMatchObject({ category: "voided", originalLineId: 1 });
  expect(result.groups).toEqual([]);
});

test("lines further from midnight than the margin are the neighbour's alone and change nothing", () => {
  const pos = [posLine(1, { txAt: `${EVE} 12:00:00` }), posLine(2, { txAt: `${NEXT} 12:00:00` })];
  const statement = [statementLine(101, { txAt: `${NEXT} 12:05:00` })];
  const eve = matchDay(EVE, pos, statement, OPTIONS);
  expect(eve).toEqual(matchTransactions([pos[0]], [], OPTIONS));
  expect(matchDay(NEXT, pos, statement, OPTIONS)).toEqual(matchTransactions([pos[1]], statement, OPTIONS));
});

test("pairs within a day are left as they were when the neighbour has lines near midnight", () => {
  const pos = [
    posLine(1, { txAt: `${NEXT} 00:05:00`, rrn: "R1" }),
    posLine(2, { txAt: `${NEXT} 00:06:00`, amountMinor: 500 }),
  ];
  const statement = [
    statementLine(101, { txAt: `${NEXT} 00:05:00`, rrn: "R1" }),
    statementLine(102, { txAt: `${EVE} 23:58:00`, amountMinor: 900 }),
  ];
  const next = matchDay(NEXT, pos, statement, OPTIONS);
  expect(next.pos).toEqual(matchTransactions(pos, [statement[0]], OPTIONS).pos);
  expect(next.statement.map((outcome) => outcome.id)).toEqual([101]);
});

// Found by the property test (match-day.property.test.ts, ~3 % of its runs): a cancellation that
// links a line near midnight with one beyond the margin. The day that did not see the canceller
// (or the sale) took a different decision at midnight than the day that did, and a statement line
// ended amount_mismatch in no day's exception group.
test("a reversal half an hour before a sale at 23:59:30 is seen by the next day too", () => {
  const pos = [
    posLine(1, { txAt: `${EVE} 23:29:30`, txType: "reversal", amountMinor: 500, batchNo: null, origTrace: "00002" }),
    posLine(2, { txAt: `${EVE} 23:59:30`, traceNo: "00002", batchNo: "000002" }),
  ];
  const statement = [
    statementLine(1001, { txAt: `${NEXT} 00:00:00`, amountMinor: 500, traceNo: "00002", batchNo: "000002" }),
  ];
  const result = matchBoth(pos, statement);
  const together = matchTransactions(pos, statement, OPTIONS);
  expect([...result.pos.values()]).toEqual(together.pos);
  expect([...result.statement.values()]).toEqual(together.statement);
  expect(result.groups.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(
    together.groups.sort((a, b) => (a.key < b.key ? -1 : 1)),
  );
});

test("a void at 23:59:30 whose sale is half an hour after midnight is seen by the day before too", () => {
  const pos = [
    posLine(1, { txAt: `${EVE} 23:59:30`, txType: "void", rrn: "R2", origTrace: "00007" }),
    posLine(2, { txAt: `${NEXT} 00:30:30`, traceNo: "00007" }),
  ];
  const statement = [statementLine(1001, { txAt: `${NEXT} 00:00:00`, rrn: "R2", amountMinor: 500 })];
  const result = matchBoth(pos, statement);
  const together = matchTransactions(pos, statement, OPTIONS);
  expect([...result.pos.values()]).toEqual(together.pos);
  expect([...result.statement.values()]).toEqual(together.statement);
});
