// One day's matching, midnight included. The import job matches a day at a time (memory stays at a
// day's lines), but a transaction does not stop at midnight: a sale at 23:58:30 may be on the
// statement at 00:01:10 the next day (the acquirer's clock differs), two identical swipes may be
// 70 s apart on either side of midnight, a statement line may be equally near a sale of each day.
//
// So each midnight is matched on its own first: the lines within `midnightMarginSeconds` of it, on
// both sides, go through the matcher together, and what that pairs or ties ACROSS the midnight (a
// pair of lines of different days, a tie with lines of both days) is taken as given by each of the
// two days' matching, which then pairs the rest of the day's own lines among themselves. The
// neighbours' lines near the midnights take part in the day's matching too, though they are never
// paired there and get no outcome: a void just after midnight cancels its sale just before it, and
// a swipe 70 s after an identical one of the day before is its duplicate. Both days see the same
// lines at their common midnight, so both take the same decisions there: every line gets one
// outcome, pairs are mutual, and an exception group (kept by the day of its `day` only) has the
// same key whichever of the two days is re-matched. A day's outcome depends on its own lines and
// the neighbours' lines near its two midnights and their cancellation lines (below) only, so
// re-matching the days an import touched and their neighbours is enough (run-import.ts).
//
// A cancellation is not bounded in time: a void names its sale by reference, and a reversal at
// 23:29:30 cancels a sale at 23:59:30 whose statement line is at 00:00:00. So each midnight's
// matching, and each day's, also sees the lines of the two days that decide cancellations between
// them (cancellationLines: the voids, reversals and refunds that name an original, and the sales
// they name), however far from midnight; they find cancellations only, never pair there, get no
// outcome. Both days then see the same cancellations at their midnight. (What is left: a line
// whose cancellation depends on a third day's, a void naming a sale of two days before.)
//
// This equals matching all the days at once whenever what links lines across a midnight stays
// within the margin (3 × the longer of the pairing window and the duplicate window: 30 minutes by
// default) — a chain of window candidates, a tie, a duplicate burst, a void and its sale, or an rrn
// pair whose two clocks differ by less than that. Taking the pairs and ties at the midnight out
// first does not change the rest: the nearest-first rule paired or tied those lines while no free
// candidate of theirs was nearer, so removing them changes no other line's choices. Two things stay
// a day's own: a missing batch is a day's (a batch on both sides of midnight is checked per day),
// and rule 2's "trace no. and day" pairs within a day by definition.
import type { LocalDate } from "@/lib/reconciliation/types";
import { cancellationLines } from "./cancellations";
import type { LineOutcome, MatchOptions, MatchResult, PosLine, StatementLine } from "./lines";
import { wallClockSeconds } from "./local-time";
import { matchLines, matchTransactions, type Presets } from "./match-transactions";
import { RULE_CODES } from "./pairing";

const DAY_SECONDS = 86_400;
/** The margin never reaches the middle of the day, so a line is near one midnight at most. */
const MAX_MARGIN_SECONDS = 6 * 3600;

/** How far either side of midnight lines are matched together with the other day's. */
export function midnightMarginSeconds(options: Pick<MatchOptions, "windowMinutes" | "duplicateWindowSeconds">): number {
  return Math.min(MAX_MARGIN_SECONDS, 3 * Math.max(options.windowMinutes * 60, options.duplicateWindowSeconds));
}

/**
 * Matches the lines of `day`. `pos` and `statement` hold the day's lines and the lines of the days
 * before and after it within midnightMarginSeconds of its midnights, and `pos` those days' lines
 * that decide cancellations with the day's (cancellationLines of the two days; more may be given:
 * they are ignored). Returns outcomes for the day's own lines only, in id order, and the exception groups
 * whose day is `day`.
 */
export function matchDay(
  day: LocalDate,
  posInput: readonly PosLine[],
  statementInput: readonly StatementLine[],
  options: MatchOptions,
): MatchResult {
  const margin = midnightMarginSeconds(options);
  const start = wallClockSeconds(`${day} 00:00:00`);
  const end = start + DAY_SECONDS;
  // Wall-clock texts compare as their times do, so bounds are texts too (no date parsing per line).
  const bounds = {
    day,
    eve: wallClockText(start - DAY_SECONDS).slice(0, 10),
    morrow: wallClockText(end).slice(0, 10),
    from: wallClockText(start - margin),
    headEnd: wallClockText(start + margin),
    tailStart: wallClockText(end - margin),
    to: wallClockText(end + margin),
  };
  const pos = split(posInput, bounds);
  const statement = split(statementInput, bounds);
  // The lines that decide cancellations between this day and each neighbour, wherever they are in
  // the two days: a reversal half an hour before a sale at 23:59:30 cancels it for both days.
  const eveLinked = linkedWith(pos.own, [...pos.before, ...pos.eveFar]);
  const morrowLinked = linkedWith(pos.own, [...pos.after, ...pos.morrowFar]);
  const near = new Set([...pos.before, ...pos.after]);
  const farLinked = [...eveLinked, ...morrowLinked].filter((line) => !near.has(line) && !line.txAt.startsWith(day));
  const neighbours = pos.before.length + pos.after.length + statement.before.length + statement.after.length;
  if (neighbours + farLinked.length === 0) {
    return matchTransactions(pos.own, statement.own, options);
  }

  const facts = new MidnightFacts(day);
  const zones: [PosLine[], PosLine[], PosLine[], StatementLine[], StatementLine[]][] = [
    [pos.head, pos.before, eveLinked, statement.head, statement.before],
    [pos.tail, pos.after, morrowLinked, statement.tail, statement.after],
  ];
  for (const [ownPos, otherPos, linked, ownStatement, otherStatement] of zones) {
    // Only a midnight with lines of both days near it has anything to decide across it.
    if (ownPos.length + ownStatement.length === 0 || otherPos.length + otherStatement.length === 0) continue;
    const zonePos = [...ownPos, ...otherPos];
    const zoneStatement = [...ownStatement, ...otherStatement];
    const zoneSet = new Set(zonePos);
    const cancelling = linked.filter((line) => !zoneSet.has(line));
    facts.take(zonePos, zoneStatement, matchZone(zonePos, cancelling, zoneStatement, options));
  }
  // The day's matching: its own lines, and the neighbours' near its midnights (for cancellations and
  // duplicates across midnight) and those that decide cancellations with it, in id order; only the
  // own lines pair, beyond the presets.
  const allPos = merge(pos.own, inIdOrder([...pos.before, ...pos.after, ...farLinked]));
  const allStatement = merge(statement.own, inIdOrder([...statement.before, ...statement.after]));
  const result = matchLines(allPos.lines, allStatement.lines, options, facts.presets(allPos, allStatement));
  return { ...result, groups: result.groups.filter((group) => group.day === day) };
}

/** The lines of a day and a neighbour's that decide cancellations between them (none without the neighbour's). */
function linkedWith(own: readonly PosLine[], neighbour: readonly PosLine[]): PosLine[] {
  return neighbour.length === 0 ? [] : cancellationLines([...own, ...neighbour]);
}

/**
 * The lines near one midnight matched together; the cancellation lines of the two days beyond it
 * take part in finding cancellations only (never paired, no outcome), so that both days see the
 * same cancellations there.
 */
function matchZone(
  pos: PosLine[],
  cancelling: PosLine[],
  statement: StatementLine[],
  options: MatchOptions,
): MatchResult {
  if (cancelling.length === 0) return matchTransactions(pos, statement, options);
  const allPos = merge(inIdOrder(pos), inIdOrder(cancelling));
  const lines = inIdOrder(statement);
  return matchLines(allPos.lines, lines, options, {
    ownPos: allPos.own,
    ownStatement: new Uint8Array(lines.length).fill(1),
    pairs: [],
    ties: [],
  });
}

/** "YYYY-MM-DD HH:MM:SS" of seconds since 1970-01-01 00:00:00 (wall clock, as wallClockSeconds reads it). */
export function wallClockText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

interface Bounds {
  day: LocalDate;
  /** The days before and after. */
  eve: LocalDate;
  morrow: LocalDate;
  /** The first time near the day (its midnight less the margin) and the first one past it. */
  from: string;
  to: string;
  /** The end of the day's head and the start of its tail: the own lines in each midnight's zone. */
  headEnd: string;
  tailStart: string;
}

/**
 * In one pass: the day's own lines (in id order), those of them in its head and tail (within the
 * margin of its midnights), the other days' lines near it, before and after, and the rest of the
 * days before and after; lines of other days dropped.
 */
function split<Line extends PosLine | StatementLine>(lines: readonly Line[], bounds: Bounds) {
  const parts = {
    own: [] as Line[],
    head: [] as Line[],
    tail: [] as Line[],
    before: [] as Line[],
    after: [] as Line[],
    eveFar: [] as Line[],
    morrowFar: [] as Line[],
  };
  for (const line of lines) {
    const at = line.txAt;
    if (at.startsWith(bounds.day)) {
      parts.own.push(line);
      if (at < bounds.headEnd) parts.head.push(line);
      else if (at >= bounds.tailStart) parts.tail.push(line);
    } else if (at >= bounds.from && at < bounds.day) parts.before.push(line);
    else if (at > bounds.day && at < bounds.to) parts.after.push(line);
    else if (at.startsWith(bounds.eve)) parts.eveFar.push(line);
    else if (at.startsWith(bounds.morrow)) parts.morrowFar.push(line);
  }
  parts.own = inIdOrder(parts.own);
  return parts;
}

function inIdOrder<Line extends { id: number }>(lines: Line[]): Line[] {
  for (let index = 1; index < lines.length; index++) {
    if (lines[index - 1].id >= lines[index].id) return lines.sort((a, b) => a.id - b.id);
  }
  return lines;
}

interface Merged<Line> {
  lines: Line[];
  /** 1 for the day's own lines. */
  own: Uint8Array;
}

/** Two id-ordered lists as one, remembering which lines were the first list's. */
function merge<Line extends { id: number }>(own: readonly Line[], other: readonly Line[]): Merged<Line> {
  // Pushed, not preallocated: a packed array, like every other the matcher's passes see (a holey
  // one makes their element loads polymorphic).
  const lines: Line[] = [];
  const flags = new Uint8Array(own.length + other.length);
  let a = 0;
  let b = 0;
  while (a < own.length || b < other.length) {
    if (b === other.length || (a < own.length && own[a].id < other[b].id)) {
      flags[lines.length] = 1;
      lines.push(own[a++]);
    } else lines.push(other[b++]);
  }
  return { lines, own: flags };
}

/** The index of the line with `id` in id-ordered lines (it is there). */
function indexOfId(lines: readonly { id: number }[], id: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lines[middle].id < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

const RULE_INDEX = new Map<LineOutcome["rule"], number>(RULE_CODES.map((rule, index) => [rule, index]));

function ruleCode(rule: LineOutcome["rule"]): number {
  const code = RULE_INDEX.get(rule) ?? 0;
  if (code === 0) throw new Error(`A pair made by no matching rule: ${rule}`);
  return code;
}

/** What the matching at a midnight decided across it: pairs and ties of lines of both days (by id). */
class MidnightFacts {
  private readonly pairs: { pos: number; statement: number; rule: number }[] = [];
  private readonly ties: { pos: number[]; statement: number[] }[] = [];

  constructor(private readonly day: LocalDate) {}

  take(pos: readonly PosLine[], statement: readonly StatementLine[], result: MatchResult): void {
    const ownPos = new Set(pos.filter((line) => line.txAt.startsWith(this.day)).map((line) => line.id));
    const ownStatement = new Set(statement.filter((line) => line.txAt.startsWith(this.day)).map((line) => line.id));
    for (const outcome of result.pos) {
      const matched = outcome.matchedLineId;
      if (matched === null || ownPos.has(outcome.id) === ownStatement.has(matched)) continue;
      this.pairs.push({ pos: outcome.id, statement: matched, rule: ruleCode(outcome.rule) });
    }
    for (const group of result.groups) {
      if (group.category !== "ambiguous") continue;
      const own = group.posLineIds.filter((id) => ownPos.has(id)).length;
      const ownOnes = own + group.statementLineIds.filter((id) => ownStatement.has(id)).length;
      const all = group.posLineIds.length + group.statementLineIds.length;
      if (ownOnes > 0 && ownOnes < all) this.ties.push({ pos: group.posLineIds, statement: group.statementLineIds });
    }
  }

  presets(pos: Merged<PosLine>, statement: Merged<StatementLine>): Presets {
    const posAt = (id: number) => indexOfId(pos.lines, id);
    const statementAt = (id: number) => indexOfId(statement.lines, id);
    return {
      ownPos: pos.own,
      ownStatement: statement.own,
      pairs: this.pairs.map((fact) => ({
        pos: posAt(fact.pos),
        statement: statementAt(fact.statement),
        rule: fact.rule,
      })),
      ties: this.ties.map((tie) => ({ pos: tie.pos.map(posAt), statement: tie.statement.map(statementAt) })),
    };
  }
}
