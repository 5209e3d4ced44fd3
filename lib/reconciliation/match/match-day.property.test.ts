// Properties of matching a day at a time with its neighbours' lines near midnight (match-day.ts),
// over random lines drawn from small domains (two terminals, a few amounts, rrns and traces that
// collide, half-minute steps) around one midnight, so that pairs, ties, duplicates and
// cancellations across it actually occur.
import fc from "fast-check";
import { expect, test } from "vitest";
import { GROUPED_LINE_CATEGORIES, type LineCategory } from "@/lib/reconciliation/types";
import type { ExceptionGroup, LineOutcome } from "./lines";
import { wallClockSeconds } from "./local-time";
import { matchDay, midnightMarginSeconds, wallClockText } from "./match-day";
import { matchTransactions, type PosLine, type StatementLine } from "./match-transactions";
import { OPTIONS } from "./test-lines";

const EVE = "2026-11-20";
const NEXT = "2026-11-21";
const MIDNIGHT = wallClockSeconds(`${NEXT} 00:00:00`);
// Today well after both days: every unexplained line is overdue, whichever day it is on.
const options = { ...OPTIONS, today: "2026-12-31" };
const RUNS = { numRuns: 300 };

const reference = (prefix: string) =>
  fc.option(fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`, `${prefix}4`), { nil: null, freq: 2 });
const txType = fc.constantFrom("sale", "sale", "sale", "sale", "refund", "void", "reversal") as fc.Arbitrary<
  PosLine["txType"]
>;
/** A batch no. on every line, when the case needs rule 2 and voids not to depend on the day. */
const batch = (always: boolean) =>
  always ? fc.constantFrom("000001", "000002") : fc.option(fc.constantFrom("000001", "000002"), { nil: null });

/** Lines whose times are `seconds` from `origin`, in half-minute steps (ties are common). */
function lines(origin: number, maxSteps: number, alwaysBatch: boolean) {
  const txAt = fc.integer({ min: -maxSteps, max: maxSteps - 1 }).map((step) => wallClockText(origin + step * 30));
  const amount = fc.constantFrom(500, 12_800);
  const pos = fc.record({
    tid: fc.constantFrom("T0000001", "T0000002"),
    txAt,
    cardMasked: fc.option(fc.constantFrom("622202******0128", "622848******1234"), { nil: null }),
    txType,
    amountMinor: amount,
    rrn: reference("R"),
    traceNo: reference("0000"),
    batchNo: batch(alwaysBatch),
    approved: fc.constantFrom(true, true, true, false),
    signed: fc.option(fc.boolean(), { nil: null }),
    origRrn: reference("R"),
    origTrace: reference("0000"),
  });
  const statement = fc.record({
    tid: fc.constantFrom("T0000001", "T0000002"),
    txAt,
    settleDate: fc.constant("2026-11-22"),
    txType,
    amountMinor: fc.tuple(amount, fc.boolean()).map(([value, negative]) => (negative ? -value : value)),
    rrn: reference("R"),
    traceNo: reference("0000"),
    batchNo: batch(alwaysBatch),
    cardMasked: fc.constant(null),
  });
  return fc.tuple(fc.array(pos, { maxLength: 16 }), fc.array(statement, { maxLength: 16 })).map(([p, s]) => ({
    pos: p.map((fields, index): PosLine => ({ id: index + 1, ...fields })),
    statement: s.map((fields, index): StatementLine => ({ id: 1001 + index, ...fields })),
  }));
}

/** The two days matched apart, as the job does; the outcomes by id, and every group kept. */
function byDay(pos: PosLine[], statement: StatementLine[]) {
  const days = [EVE, NEXT].map((day) => matchDay(day, pos, statement, options));
  const outcomes = (side: "pos" | "statement") => days.flatMap((result) => result[side]);
  return {
    pos: outcomes("pos"),
    statement: outcomes("statement"),
    groups: days.flatMap((result) => result.groups),
  };
}

const byId = (outcomes: LineOutcome[]) => new Map(outcomes.map((outcome) => [outcome.id, outcome]));
/** A group as compared with matching both days at once (see the test for why some are left out). */
const comparable = (group: ExceptionGroup) =>
  group.category === "duplicate" ? { ...group, statementLineIds: [] } : group;

test("within the margin of midnight, two days matched apart give what matching them at once gives", () => {
  const steps = Math.floor(midnightMarginSeconds(options) / 30 / 2);
  fc.assert(
    fc.property(lines(MIDNIGHT, steps, false), ({ pos, statement }) => {
      const apart = byDay(pos, statement);
      const together = matchTransactions(pos, statement, options);
      expect(byId(apart.pos)).toEqual(byId(together.pos));
      expect(byId(apart.statement)).toEqual(byId(together.statement));
      // A missing batch is a day's own, so pos_only groups differ by design; a duplicate's group
      // names the statement line of its first only when the day knows that line's pairing.
      const groups = (all: ExceptionGroup[]) =>
        all
          .filter((group) => group.category !== "pos_only")
          .map(comparable)
          .sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(groups(apart.groups)).toEqual(groups(together.groups));
    }),
    RUNS,
  );
});

const EXCEPTIONS: readonly LineCategory[] = GROUPED_LINE_CATEGORIES;

test("over hours either side of midnight: one outcome per line, mutual pairs, every exception line in one day's group", () => {
  fc.assert(
    fc.property(lines(MIDNIGHT, 360, false), ({ pos, statement }) => {
      const apart = byDay(pos, statement);
      expect(apart.pos.map((outcome) => outcome.id).sort((a, b) => a - b)).toEqual(pos.map((line) => line.id));
      expect(apart.statement.map((outcome) => outcome.id).sort((a, b) => a - b)).toEqual(
        statement.map((line) => line.id),
      );
      const posOutcome = byId(apart.pos);
      const statementOutcome = byId(apart.statement);
      for (const outcome of apart.pos) {
        if (outcome.matchedLineId === null) continue;
        expect(statementOutcome.get(outcome.matchedLineId)).toMatchObject({
          matchedLineId: outcome.id,
          rule: outcome.rule,
        });
      }
      for (const outcome of apart.statement) {
        if (outcome.matchedLineId !== null)
          expect(posOutcome.get(outcome.matchedLineId)?.matchedLineId).toBe(outcome.id);
      }
      expect(new Set(apart.groups.map((group) => group.key)).size).toBe(apart.groups.length);
      const grouped = new Set<string>();
      for (const group of apart.groups) {
        for (const id of group.posLineIds) grouped.add(`pos:${id}:${group.category}`);
        for (const id of group.statementLineIds) grouped.add(`statement:${id}:${group.category}`);
      }
      for (const outcome of apart.pos) {
        if (EXCEPTIONS.includes(outcome.category)) expect(grouped).toContain(`pos:${outcome.id}:${outcome.category}`);
      }
      for (const outcome of apart.statement) {
        if (EXCEPTIONS.includes(outcome.category)) {
          expect(grouped).toContain(`statement:${outcome.id}:${outcome.category}`);
        }
      }
    }),
    RUNS,
  );
});

test("shifting every line of a file across midnight changes no line's category or pair", () => {
  const steps = Math.floor(midnightMarginSeconds(options) / 30 / 2);
  const noon = wallClockSeconds(`${EVE} 12:00:00`);
  fc.assert(
    fc.property(lines(noon, steps, true), fc.integer({ min: -steps, max: steps }), ({ pos, statement }, cut) => {
      // Midnight falls `cut` half-minutes from the middle of the lines' span.
      const shift = <Line extends { txAt: string }>(line: Line): Line => ({
        ...line,
        txAt: wallClockText(wallClockSeconds(line.txAt) - noon + MIDNIGHT + cut * 30),
      });
      const atNoon = matchTransactions(pos, statement, options);
      const shifted = byDay(pos.map(shift), statement.map(shift));
      expect(byId(shifted.pos)).toEqual(byId(atNoon.pos));
      expect(byId(shifted.statement)).toEqual(byId(atNoon.statement));
      const pairs = (outcomes: LineOutcome[]) => outcomes.filter((outcome) => outcome.matchedLineId !== null).length;
      expect(pairs(shifted.pos)).toBe(pairs(atNoon.pos));
    }),
    RUNS,
  );
});

// Guards the properties above against a generator that never straddles midnight with a pair.
test("the generated lines pair, tie and duplicate across midnight", () => {
  const seen = new Set<string>();
  const steps = Math.floor(midnightMarginSeconds(options) / 30 / 2);
  fc.assert(
    fc.property(lines(MIDNIGHT, steps, false), ({ pos, statement }) => {
      const apart = byDay(pos, statement);
      const dayOfPos = new Map(pos.map((line) => [line.id, line.txAt.slice(0, 10)]));
      const dayOfStatement = new Map(statement.map((line) => [line.id, line.txAt.slice(0, 10)]));
      for (const outcome of apart.pos) {
        if (outcome.matchedLineId !== null && dayOfPos.get(outcome.id) !== dayOfStatement.get(outcome.matchedLineId)) {
          seen.add(`pair:${outcome.rule}`);
        }
      }
      for (const group of apart.groups) {
        const days = new Set([
          ...group.posLineIds.map((id) => dayOfPos.get(id)),
          ...group.statementLineIds.map((id) => dayOfStatement.get(id)),
        ]);
        if (days.size === 2) seen.add(group.category);
      }
    }),
    { numRuns: 1_000, seed: 11 },
  );
  expect([...seen].sort()).toEqual(
    expect.arrayContaining(["ambiguous", "duplicate", "pair:rrn", "pair:trace", "pair:window"]),
  );
});
