// The POS ↔ statement rules of issue 8, one by one, with the tricky cases the issue names.
import { describe, expect, test } from "vitest";
import { type MatchResult, matchTransactions, type PosLine, type StatementLine } from "./match-transactions";
import { OPTIONS, posLine, statementLine } from "./test-lines";

function run(pos: PosLine[], statement: StatementLine[], options = OPTIONS): MatchResult {
  return matchTransactions(pos, statement, options);
}

function outcome(result: MatchResult, side: "pos" | "statement", id: number) {
  const found = result[side].find((line) => line.id === id);
  if (found === undefined) throw new Error(`no outcome for ${side} line ${id}`);
  return found;
}

const keys = (result: MatchResult) => result.groups.map((group) => group.key);

describe("rule 1: same terminal and rrn", () => {
  test("pairs the lines whatever their times, and both are matched", () => {
    const result = run(
      [posLine(1, { rrn: "633012345678", txAt: "2026-11-20 10:00:00" })],
      [statementLine(101, { rrn: "633012345678", txAt: "2026-11-20 13:00:00" })],
    );
    expect(outcome(result, "pos", 1)).toEqual({
      id: 1,
      category: "matched",
      matchedLineId: 101,
      rule: "rrn",
      originalLineId: null,
    });
    expect(outcome(result, "statement", 101)).toMatchObject({ category: "matched", matchedLineId: 1, rule: "rrn" });
    expect(result.groups).toEqual([]);
  });

  test("does not pair the same rrn on another terminal", () => {
    const result = run([posLine(1, { rrn: "R1" })], [statementLine(101, { rrn: "R1", tid: "T0000002" })]);
    expect(outcome(result, "pos", 1).category).toBe("pos_only");
    expect(outcome(result, "statement", 101).category).toBe("statement_only");
  });

  test("a pair whose amounts differ is an amount_mismatch on both sides, one group for the pair", () => {
    const result = run(
      [posLine(1, { rrn: "R1", amountMinor: 12_800 })],
      [statementLine(101, { rrn: "R1", amountMinor: 1_280 })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "amount_mismatch", matchedLineId: 101, rule: "rrn" });
    expect(outcome(result, "statement", 101)).toMatchObject({ category: "amount_mismatch", matchedLineId: 1 });
    expect(result.groups).toEqual([
      {
        key: "amount_mismatch:1:101",
        category: "amount_mismatch",
        posLineIds: [1],
        statementLineIds: [101],
        tid: "T0000001",
        batchNo: "000001",
        day: "2026-11-20",
        amountMinor: 11_520,
      },
    ]);
  });
});

describe("rule 2: same terminal, batch and trace no.", () => {
  test("pairs lines without rrn by batch and trace", () => {
    const result = run(
      [posLine(1, { traceNo: "000123", batchNo: "000007", txAt: "2026-11-20 10:00:00" })],
      [statementLine(101, { traceNo: "000123", batchNo: "000007", txAt: "2026-11-20 11:30:00" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "matched", matchedLineId: 101, rule: "trace" });
  });

  test("pairs by trace and day when the statement has no batch no.", () => {
    const result = run(
      [posLine(1, { traceNo: "000123", batchNo: "000007", txAt: "2026-11-20 10:00:00" })],
      [statementLine(101, { traceNo: "000123", batchNo: null, txAt: "2026-11-20 18:00:00" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ matchedLineId: 101, rule: "trace" });
  });

  test("does not pair by trace across days when a batch no. is missing", () => {
    const result = run(
      [posLine(1, { traceNo: "000123", batchNo: null, txAt: "2026-11-20 10:00:00", amountMinor: 100 })],
      [statementLine(101, { traceNo: "000123", batchNo: null, txAt: "2026-11-21 10:00:00", amountMinor: 200 })],
    );
    expect(outcome(result, "pos", 1).matchedLineId).toBeNull();
  });

  test("does not pair the same trace no. of two different batches", () => {
    const result = run(
      [posLine(1, { traceNo: "000123", batchNo: "000007", amountMinor: 100 })],
      [statementLine(101, { traceNo: "000123", batchNo: "000008", amountMinor: 200 })],
    );
    expect(outcome(result, "pos", 1).matchedLineId).toBeNull();
    expect(outcome(result, "statement", 101).category).toBe("statement_only");
  });

  test("a trace pair whose amounts differ is an amount_mismatch", () => {
    const result = run(
      [posLine(1, { traceNo: "000123", batchNo: "000007", amountMinor: 12_800 })],
      [statementLine(101, { traceNo: "000123", batchNo: "000007", amountMinor: 12_000 })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "amount_mismatch", rule: "trace" });
    expect(keys(result)).toEqual(["amount_mismatch:1:101"]);
  });

  test("rrn goes first: a line paired by rrn is not taken by another line's trace", () => {
    const result = run(
      [
        posLine(1, { rrn: "R1", traceNo: "000001", batchNo: "000007" }),
        posLine(2, { rrn: null, traceNo: "000001", batchNo: "000007", txAt: "2026-11-20 16:00:00" }),
      ],
      [statementLine(101, { rrn: "R1", traceNo: "000001", batchNo: "000007" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ matchedLineId: 101, rule: "rrn" });
    expect(outcome(result, "pos", 2).matchedLineId).toBeNull();
  });
});

describe("rule 3: same terminal and amount within the window, nearest first", () => {
  test("pairs equal amounts up to ±10 minutes apart, not beyond", () => {
    const result = run(
      [
        posLine(1, { txAt: "2026-11-20 10:00:00", amountMinor: 500 }),
        posLine(2, { txAt: "2026-11-20 12:00:00", amountMinor: 700 }),
      ],
      [
        statementLine(101, { txAt: "2026-11-20 10:10:00", amountMinor: 500 }),
        statementLine(102, { txAt: "2026-11-20 12:10:01", amountMinor: 700 }),
      ],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "matched", matchedLineId: 101, rule: "window" });
    expect(outcome(result, "pos", 2).matchedLineId).toBeNull();
    expect(outcome(result, "statement", 102).category).toBe("statement_only");
  });

  test("honours the configured window", () => {
    const result = run(
      [posLine(1, { txAt: "2026-11-20 10:00:00" })],
      [statementLine(101, { txAt: "2026-11-20 10:25:00" })],
      { ...OPTIONS, windowMinutes: 30 },
    );
    expect(outcome(result, "pos", 1).matchedLineId).toBe(101);
  });

  test("never pairs different amounts", () => {
    const result = run([posLine(1, { amountMinor: 500 })], [statementLine(101, { amountMinor: 501 })]);
    expect(outcome(result, "pos", 1).matchedLineId).toBeNull();
  });

  test("one-to-one, nearest first, with three candidates", () => {
    // Statement lines at 10:00 and 10:04; till lines at 10:03:30, 10:05 and 09:52. The nearest pair
    // overall goes first: 10:04–10:03:30 (30 s), then 10:00–10:05 (5 min); 09:52 is left over.
    // Taking the statement lines in order instead would have given 10:00 the 10:03:30 line.
    const result = run(
      [
        posLine(1, { txAt: "2026-11-20 10:03:30" }),
        posLine(2, { txAt: "2026-11-20 10:05:00" }),
        posLine(3, { txAt: "2026-11-20 09:52:00" }),
      ],
      [statementLine(101, { txAt: "2026-11-20 10:00:00" }), statementLine(102, { txAt: "2026-11-20 10:04:00" })],
    );
    expect(outcome(result, "statement", 102).matchedLineId).toBe(1);
    expect(outcome(result, "statement", 101).matchedLineId).toBe(2);
    expect(outcome(result, "pos", 3)).toMatchObject({ category: "pos_only", matchedLineId: null });
  });

  test("a tie is not paired: the statement line and the equally near candidates are ambiguous, one group", () => {
    const result = run(
      [
        posLine(1, { txAt: "2026-11-20 09:58:00" }),
        posLine(2, { txAt: "2026-11-20 10:02:00" }),
        posLine(3, { txAt: "2026-11-20 10:09:00" }),
      ],
      [statementLine(101, { txAt: "2026-11-20 10:00:00" })],
    );
    expect(outcome(result, "statement", 101)).toMatchObject({ category: "ambiguous", matchedLineId: null });
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "ambiguous", matchedLineId: null });
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "ambiguous", matchedLineId: null });
    // The farther candidate was no part of the tie, and the statement line is not free for it.
    expect(outcome(result, "pos", 3).category).toBe("pos_only");
    expect(result.groups.find((group) => group.category === "ambiguous")).toEqual({
      key: "ambiguous:101",
      category: "ambiguous",
      posLineIds: [1, 2],
      statementLineIds: [101],
      tid: "T0000001",
      batchNo: null,
      day: "2026-11-20",
      amountMinor: 12_800,
    });
  });

  test("two statement lines equally near one till line are a tie too", () => {
    const result = run(
      [posLine(1, { txAt: "2026-11-20 10:00:00" })],
      [statementLine(101, { txAt: "2026-11-20 09:57:00" }), statementLine(102, { txAt: "2026-11-20 10:03:00" })],
    );
    expect(result.pos[0].category).toBe("ambiguous");
    expect(result.statement.map((line) => line.category)).toEqual(["ambiguous", "ambiguous"]);
    expect(keys(result)).toEqual(["ambiguous:101"]);
  });

  test("a nearer pair settles first, so a tie further out never forms", () => {
    // 101 is 2 min from both 1 and 2, but 2 is 1 min from 102 and pairs with it first.
    const result = run(
      [posLine(1, { txAt: "2026-11-20 09:58:00" }), posLine(2, { txAt: "2026-11-20 10:02:00" })],
      [statementLine(101, { txAt: "2026-11-20 10:00:00" }), statementLine(102, { txAt: "2026-11-20 10:03:00" })],
    );
    expect(outcome(result, "statement", 102).matchedLineId).toBe(2);
    expect(outcome(result, "statement", 101).matchedLineId).toBe(1);
  });

  test("does not pair two lines whose rrns both exist and differ", () => {
    const result = run([posLine(1, { rrn: "R1" })], [statementLine(101, { rrn: "R2" })]);
    expect(outcome(result, "pos", 1).matchedLineId).toBeNull();
    expect(outcome(result, "statement", 101).category).toBe("statement_only");
  });

  test("pairs a line with an rrn and one without", () => {
    const result = run([posLine(1, { rrn: "R1" })], [statementLine(101, { rrn: null })]);
    expect(outcome(result, "pos", 1)).toMatchObject({ matchedLineId: 101, rule: "window" });
  });
});

describe("refunds", () => {
  test("pair with refund lines only, comparing amounts by absolute value", () => {
    const result = run(
      [
        posLine(1, { txType: "sale", amountMinor: 5_000, rrn: "S1" }),
        posLine(2, { txType: "refund", amountMinor: 5_000, rrn: "F1", txAt: "2026-11-20 10:01:00" }),
      ],
      [
        statementLine(101, { txType: "refund", amountMinor: -5_000, rrn: "F1" }),
        statementLine(102, { txType: "sale", amountMinor: 5_000, rrn: "S1" }),
      ],
    );
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "matched", matchedLineId: 101 });
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "matched", matchedLineId: 102 });
  });

  test("a refund is not paired with a sale of the same amount in the window", () => {
    const result = run(
      [posLine(1, { txType: "refund", amountMinor: -5_000 })],
      [statementLine(101, { amountMinor: 5_000 })],
    );
    expect(outcome(result, "pos", 1).matchedLineId).toBeNull();
  });

  test("with an original reference: linked to its sale and still matched on its own", () => {
    const result = run(
      [
        posLine(1, { rrn: "S1", traceNo: "000010", txAt: "2026-11-18 10:00:00" }),
        posLine(2, { txType: "refund", rrn: "F1", origRrn: "S1", txAt: "2026-11-20 15:00:00" }),
        posLine(3, { txType: "refund", rrn: "F2", origTrace: "000010", txAt: "2026-11-20 16:00:00", amountMinor: 100 }),
      ],
      [
        statementLine(101, { txType: "refund", rrn: "F1" }),
        statementLine(102, { txType: "refund", rrn: "F2", amountMinor: 100 }),
      ],
    );
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "matched", matchedLineId: 101, originalLineId: 1 });
    expect(outcome(result, "pos", 3)).toMatchObject({ category: "matched", matchedLineId: 102, originalLineId: 1 });
    // The sale is not cancelled by its refund.
    expect(outcome(result, "pos", 1).category).toBe("pos_only");
  });

  test("without an original reference: matched normally, no link", () => {
    const result = run(
      [posLine(2, { txType: "refund", rrn: "F1" })],
      [statementLine(101, { txType: "refund", rrn: "F1" })],
    );
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "matched", matchedLineId: 101, originalLineId: null });
  });

  test("an unsettled refund is pos_only with its amount negative in the group", () => {
    const result = run([posLine(2, { txType: "refund", amountMinor: 5_000, batchNo: null })], []);
    expect(result.groups).toMatchObject([{ key: "pos_only:2", amountMinor: -5_000 }]);
  });
});

describe("declined lines", () => {
  test("are kept but never matched, even by rrn", () => {
    const result = run(
      [posLine(1, { approved: false, rrn: "R1", signed: false })],
      [statementLine(101, { rrn: "R1" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "declined", matchedLineId: null, rule: null });
    expect(outcome(result, "statement", 101).category).toBe("statement_only");
    expect(keys(result)).toEqual(["statement_only:101"]);
  });
});

describe("voids and reversals", () => {
  const sale = posLine(1, { rrn: "S1", traceNo: "000010", batchNo: "000007", txAt: "2026-11-20 10:00:00" });

  test("a void cancels its sale in the same batch: both voided, no exception", () => {
    const result = run(
      [
        sale,
        posLine(2, {
          txType: "void",
          rrn: "V1",
          traceNo: "000011",
          batchNo: "000007",
          origTrace: "000010",
          txAt: "2026-11-20 10:05:00",
        }),
      ],
      [],
    );
    expect(outcome(result, "pos", 1).category).toBe("voided");
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "voided", originalLineId: 1 });
    expect(result.groups).toEqual([]);
  });

  test("a void by original rrn works too", () => {
    const result = run([sale, posLine(2, { txType: "void", batchNo: "000007", origRrn: "S1" })], []);
    expect(result.pos.map((line) => line.category)).toEqual(["voided", "voided"]);
  });

  test("a void naming a sale of another batch cancels nothing", () => {
    const result = run([sale, posLine(2, { txType: "void", batchNo: "000008", origTrace: "000010" })], []);
    expect(outcome(result, "pos", 1).category).toBe("pos_only");
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "pos_only", originalLineId: null });
  });

  test("a void without any original reference is matched like any line, not guessed", () => {
    const result = run(
      [sale, posLine(2, { txType: "void", batchNo: "000007" })],
      [statementLine(101, { txType: "void" })],
    );
    expect(outcome(result, "pos", 1).category).toBe("pos_only");
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "matched", matchedLineId: 101, originalLineId: null });
  });

  test("a declined void cancels nothing", () => {
    const result = run([sale, posLine(2, { txType: "void", batchNo: "000007", origRrn: "S1", approved: false })], []);
    expect(result.pos.map((line) => line.category)).toEqual(["pos_only", "declined"]);
  });

  test("a reversal cancels its unconfirmed sale in any batch", () => {
    const result = run([sale, posLine(2, { txType: "reversal", batchNo: "000009", origTrace: "000010" })], []);
    expect(result.pos.map((line) => line.category)).toEqual(["voided", "voided"]);
    expect(outcome(result, "pos", 2).originalLineId).toBe(1);
  });

  // A review found a reversal that names no original cancelling nothing: terminals resend the
  // sale's own trace no. with its reversal, and journals often have no 原凭证号 column — the sale
  // and the reversal were both pos_only, two false debited-not-credited cases.
  test("a reversal naming no original cancels the sale of its batch with its own trace no. and amount", () => {
    const result = run([sale, posLine(2, { txType: "reversal", batchNo: "000007", traceNo: "000010" })], []);
    expect(result.pos.map((line) => line.category)).toEqual(["voided", "voided"]);
    expect(outcome(result, "pos", 2).originalLineId).toBe(1);
    expect(result.groups).toEqual([]);
  });

  test("by its own trace no., a reversal of another batch or another amount cancels nothing", () => {
    for (const reversal of [
      posLine(2, { txType: "reversal", batchNo: "000008", traceNo: "000010" }),
      posLine(2, { txType: "reversal", batchNo: "000007", traceNo: "000010", amountMinor: 999 }),
      posLine(2, { txType: "reversal", batchNo: "000007", traceNo: "000012" }),
    ]) {
      const result = run([sale, reversal], []);
      expect(outcome(result, "pos", 1).category).toBe("pos_only");
      expect(outcome(result, "pos", 2)).toMatchObject({ category: "pos_only", originalLineId: null });
    }
  });

  test("a voided sale that settles anyway leaves the statement line statement_only, paired to it", () => {
    const result = run(
      [sale, posLine(2, { txType: "void", batchNo: "000007", origRrn: "S1" })],
      [statementLine(101, { rrn: "S1" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "voided", matchedLineId: 101 });
    expect(outcome(result, "statement", 101)).toMatchObject({ category: "statement_only", matchedLineId: 1 });
    expect(result.groups).toMatchObject([{ key: "statement_only:101", posLineIds: [1], statementLineIds: [101] }]);
  });

  test("a voided sale is never paired by the window", () => {
    const result = run(
      [posLine(1, { traceNo: "000010" }), posLine(2, { txType: "void", origTrace: "000010" })],
      [statementLine(101)],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "voided", matchedLineId: null });
    expect(outcome(result, "statement", 101)).toMatchObject({ category: "statement_only", matchedLineId: null });
  });
});

describe("duplicates", () => {
  const card = "622202******0128";

  test("two identical sales a minute apart with different rrns: the later is the duplicate, both keep their pairing", () => {
    const result = run(
      [
        posLine(1, { cardMasked: card, rrn: "R1", txAt: "2026-11-20 10:00:00" }),
        posLine(2, { cardMasked: card, rrn: "R2", txAt: "2026-11-20 10:01:00" }),
      ],
      [statementLine(101, { rrn: "R1" }), statementLine(102, { rrn: "R2", txAt: "2026-11-20 10:01:00" })],
    );
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "matched", matchedLineId: 101 });
    expect(outcome(result, "pos", 2)).toMatchObject({ category: "duplicate", matchedLineId: 102, rule: "rrn" });
    expect(outcome(result, "statement", 102).category).toBe("matched");
    expect(result.groups).toEqual([
      {
        key: "duplicate:2",
        category: "duplicate",
        posLineIds: [1, 2],
        statementLineIds: [101, 102],
        tid: "T0000001",
        batchNo: "000001",
        day: "2026-11-20",
        amountMinor: 12_800,
      },
    ]);
  });

  test("the later by time is the duplicate even when it has the lower id", () => {
    const result = run(
      [
        posLine(5, { cardMasked: card, txAt: "2026-11-20 10:01:00", rrn: "R5" }),
        posLine(6, { cardMasked: card, txAt: "2026-11-20 10:00:00", rrn: "R6" }),
      ],
      [],
    );
    expect(outcome(result, "pos", 5).category).toBe("duplicate");
    expect(outcome(result, "pos", 6).category).toBe("pos_only");
  });

  test("not a duplicate beyond two minutes, with another card, another amount or another terminal", () => {
    const result = run(
      [
        posLine(1, { cardMasked: card, txAt: "2026-11-20 10:00:00" }),
        posLine(2, { cardMasked: card, txAt: "2026-11-20 10:02:01" }),
        posLine(3, { cardMasked: "622202******0129", txAt: "2026-11-20 10:00:30" }),
        posLine(4, { cardMasked: card, txAt: "2026-11-20 10:00:40", amountMinor: 12_801 }),
        posLine(5, { cardMasked: card, txAt: "2026-11-20 10:00:50", tid: "T0000002" }),
        posLine(6, { cardMasked: null, txAt: "2026-11-20 10:00:10" }),
        posLine(7, { cardMasked: null, txAt: "2026-11-20 10:00:20" }),
      ],
      [],
    );
    expect(result.pos.every((line) => line.category !== "duplicate")).toBe(true);
  });

  test("exactly two minutes apart is still a duplicate", () => {
    const result = run(
      [
        posLine(1, { cardMasked: card, txAt: "2026-11-20 10:00:00" }),
        posLine(2, { cardMasked: card, txAt: "2026-11-20 10:02:00" }),
      ],
      [],
    );
    expect(outcome(result, "pos", 2).category).toBe("duplicate");
  });

  test("a duplicate that was voided is not a duplicate any more", () => {
    const result = run(
      [
        posLine(1, { cardMasked: card, traceNo: "000001", txAt: "2026-11-20 10:00:00" }),
        posLine(2, { cardMasked: card, traceNo: "000002", txAt: "2026-11-20 10:01:00" }),
        posLine(3, { txType: "void", origTrace: "000002", txAt: "2026-11-20 10:03:00" }),
      ],
      [],
    );
    expect(result.pos.map((line) => line.category)).toEqual(["pos_only", "voided", "voided"]);
  });
});

describe("unsigned slips", () => {
  test("an approved sale with signed = N is unsigned, and keeps its pairing", () => {
    const result = run([posLine(1, { rrn: "R1", signed: false })], [statementLine(101, { rrn: "R1" })]);
    expect(outcome(result, "pos", 1)).toMatchObject({ category: "unsigned", matchedLineId: 101 });
    expect(outcome(result, "statement", 101).category).toBe("matched");
    expect(result.groups).toMatchObject([{ key: "unsigned:1", posLineIds: [1], statementLineIds: [101] }]);
  });

  test("signed = Y or unknown is not unsigned; a refund is never unsigned", () => {
    const result = run(
      [
        posLine(1, { signed: true, rrn: "R1" }),
        posLine(2, { signed: null, rrn: "R2" }),
        posLine(3, { signed: false, rrn: "R3", txType: "refund" }),
      ],
      [
        statementLine(101, { rrn: "R1" }),
        statementLine(102, { rrn: "R2" }),
        statementLine(103, { rrn: "R3", txType: "refund" }),
      ],
    );
    expect(result.pos.map((line) => line.category)).toEqual(["matched", "matched", "matched"]);
  });

  test("precedence: a duplicate that is also unsigned is a duplicate", () => {
    const card = "622202******0128";
    const result = run(
      [posLine(1, { cardMasked: card }), posLine(2, { cardMasked: card, signed: false, txAt: "2026-11-20 10:00:30" })],
      [],
    );
    expect(outcome(result, "pos", 2).category).toBe("duplicate");
  });
});

describe("pending and pos_only", () => {
  const line = posLine(1, { txAt: "2026-11-20 10:00:00", batchNo: null });

  test("pending while the expected settle date (day + lag) has not passed", () => {
    expect(run([line], [], { ...OPTIONS, today: "2026-11-20" }).pos[0].category).toBe("pending");
    expect(run([line], [], { ...OPTIONS, today: "2026-11-21" }).pos[0].category).toBe("pending");
    expect(run([line], [], { ...OPTIONS, today: "2026-11-21" }).groups).toEqual([]);
  });

  test("pos_only from the day after the expected settle date, one group per line", () => {
    const result = run([line], [], { ...OPTIONS, today: "2026-11-22" });
    expect(result.pos[0]).toMatchObject({ category: "pos_only", matchedLineId: null });
    expect(keys(result)).toEqual(["pos_only:1"]);
  });

  test("the lag is configurable", () => {
    expect(run([line], [], { ...OPTIONS, today: "2026-11-22", settleLagDays: 2 }).pos[0].category).toBe("pending");
  });

  test("a late statement closes what it explains", () => {
    const pos = [posLine(1, { rrn: "R1" }), posLine(2, { rrn: "R2", txAt: "2026-11-20 11:00:00" })];
    const before = run(pos, []);
    expect(before.pos.map((outcome) => outcome.category)).toEqual(["pos_only", "pos_only"]);
    const after = run(pos, [statementLine(101, { rrn: "R1" }), statementLine(102, { rrn: "R2" })]);
    expect(after.pos.map((outcome) => outcome.category)).toEqual(["matched", "matched"]);
    expect(after.groups).toEqual([]);
  });
});

describe("statement lines", () => {
  test("a statement line for a terminal with no POS lines is statement_only, one group", () => {
    const result = run([], [statementLine(101, { tid: "T9999999", rrn: "R1", amountMinor: 99_900 })]);
    expect(result.statement).toEqual([
      { id: 101, category: "statement_only", matchedLineId: null, rule: null, originalLineId: null },
    ]);
    expect(result.groups).toEqual([
      {
        key: "statement_only:101",
        category: "statement_only",
        posLineIds: [],
        statementLineIds: [101],
        tid: "T9999999",
        batchNo: null,
        day: "2026-11-20",
        amountMinor: 99_900,
      },
    ]);
  });
});

describe("a whole terminal batch missing from the statement", () => {
  const batch = [1, 2, 3, 4].map((id) =>
    posLine(id, { rrn: `R${id}`, batchNo: "000042", txAt: `2026-11-20 1${id}:00:00`, amountMinor: id * 100 }),
  );

  test("is one group, not one per line", () => {
    const voided = [
      posLine(5, { traceNo: "000005", batchNo: "000042", txAt: "2026-11-20 15:00:00" }),
      posLine(6, { txType: "void", origTrace: "000005", batchNo: "000042", txAt: "2026-11-20 15:01:00" }),
      posLine(7, { approved: false, batchNo: "000042" }),
    ];
    const result = run([...batch, ...voided], [statementLine(101, { rrn: "X1", tid: "T0000002" })]);
    expect(result.pos.slice(0, 4).map((line) => line.category)).toEqual([
      "pos_only",
      "pos_only",
      "pos_only",
      "pos_only",
    ]);
    expect(result.groups).toEqual([
      {
        key: "pos_only:batch:T0000001:000042:2026-11-20",
        category: "pos_only",
        posLineIds: [1, 2, 3, 4],
        statementLineIds: [],
        tid: "T0000001",
        batchNo: "000042",
        day: "2026-11-20",
        amountMinor: 1_000,
      },
      expect.objectContaining({ key: "statement_only:101" }),
    ]);
  });

  test("holds its pos_only lines: its duplicate and unsigned sales are cases of their own", () => {
    const card = "622202******0128";
    const result = run(
      [
        ...batch.slice(0, 3),
        posLine(4, { rrn: "R4", batchNo: "000042", txAt: "2026-11-20 14:00:00", amountMinor: 400, cardMasked: card }),
        // A minute after line 4, same card and amount: the duplicate charge.
        posLine(8, { rrn: "R8", batchNo: "000042", txAt: "2026-11-20 14:01:00", amountMinor: 400, cardMasked: card }),
        posLine(9, { rrn: "R9", batchNo: "000042", txAt: "2026-11-20 16:00:00", amountMinor: 678, signed: false }),
      ],
      [],
    );
    expect(outcome(result, "pos", 8).category).toBe("duplicate");
    expect(outcome(result, "pos", 9).category).toBe("unsigned");
    expect(result.groups).toEqual([
      // It names its first charge, line 4, which is the batch's (publish.ts points a line at its own group).
      expect.objectContaining({ key: "duplicate:8", posLineIds: [4, 8], statementLineIds: [], amountMinor: 400 }),
      expect.objectContaining({
        key: "pos_only:batch:T0000001:000042:2026-11-20",
        posLineIds: [1, 2, 3, 4],
        amountMinor: 1_000,
      }),
      expect.objectContaining({ key: "unsigned:9", posLineIds: [9], amountMinor: 678 }),
    ]);
  });

  test("is no group when none of its lines is pos_only", () => {
    const result = run([posLine(9, { rrn: "R9", batchNo: "000042", signed: false })], []);
    expect(keys(result)).toEqual(["unsigned:9"]);
  });

  test("a batch partly on the statement gives one group per missing line", () => {
    const result = run(batch, [statementLine(101, { rrn: "R1", batchNo: "000042", amountMinor: 100 })]);
    expect(keys(result)).toEqual(["pos_only:2", "pos_only:3", "pos_only:4"]);
  });

  test("a batch the statement names (on a line the matcher could not pair) is not missing", () => {
    const result = run(batch, [statementLine(101, { rrn: "X1", batchNo: "000042", amountMinor: 1 })]);
    expect(keys(result)).toEqual(["pos_only:1", "pos_only:2", "pos_only:3", "pos_only:4", "statement_only:101"]);
  });

  test("a batch whose lines are still pending is no exception yet", () => {
    const result = run(batch, [], { ...OPTIONS, today: "2026-11-21" });
    expect(result.groups).toEqual([]);
  });
});

describe("determinism", () => {
  test("outcomes come in id order and groups in key order, whatever the input order", () => {
    const card = "622202******0128";
    const pos = [
      posLine(1, { rrn: "R1", amountMinor: 100 }),
      posLine(2, { cardMasked: card, rrn: "R2" }),
      posLine(3, { cardMasked: card, rrn: "R3", txAt: "2026-11-20 10:00:30" }),
      posLine(4, { txAt: "2026-11-20 09:58:00", amountMinor: 700 }),
      posLine(5, { txAt: "2026-11-20 10:02:00", amountMinor: 700 }),
      posLine(6, { signed: false, batchNo: "000009" }),
      posLine(7, { batchNo: "000010", rrn: "R7" }),
      posLine(8, { batchNo: "000010", rrn: "R8" }),
    ];
    const statement = [
      statementLine(101, { rrn: "R1", amountMinor: 200 }),
      statementLine(102, { amountMinor: 700 }),
      statementLine(103, { rrn: "R3" }),
      statementLine(104, { tid: "T0000003" }),
    ];
    const forward = run(pos, statement);
    const backward = run([...pos].reverse(), [...statement].reverse());
    expect(backward).toEqual(forward);
    expect(forward.pos.map((line) => line.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(keys(forward)).toEqual([
      "ambiguous:102",
      "amount_mismatch:1:101",
      "duplicate:3",
      "pos_only:2",
      // Batch 000009's one line is unsigned: a case of its own, so the batch has no pos_only group.
      "pos_only:batch:T0000001:000010:2026-11-20",
      "statement_only:104",
      "unsigned:6",
    ]);
  });
});
