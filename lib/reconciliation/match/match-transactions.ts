// POS journal ↔ acquirer statement: pairs the lines of a set of days and gives every line its one
// category and every exception its group. Pure and deterministic: the lines are put in id order
// first, so the same lines in any order give the same result.
import { findCancellations } from "./cancellations";
import { categorizePos, categorizeStatement, overdueCheck } from "./categorize";
import { findDuplicates } from "./duplicates";
import { buildExceptionGroups } from "./exception-groups";
import { ChainMemory } from "./line-chains";
import type { LineOutcome, MatchOptions, MatchResult, PosLine, StatementLine } from "./lines";
import { pairByReference } from "./pair-by-reference";
import { pairByWindow } from "./pair-by-window";
import { emptyPairing, type Pairing, pair, RULE_CODES } from "./pairing";

export type { ExceptionGroup, LineOutcome, MatchOptions, MatchResult, PosLine, StatementLine } from "./lines";
export { DEFAULT_MATCH_OPTIONS } from "./lines";

export function matchTransactions(
  posInput: readonly PosLine[],
  statementInput: readonly StatementLine[],
  options: MatchOptions,
): MatchResult {
  return matchLines(inIdOrder(posInput), inIdOrder(statementInput), options, null);
}

/**
 * A day's matching with what was decided at its midnights (match-day.ts). The lines are in id order:
 * the day's own (ownPos / ownStatement say which) and the neighbouring days' lines near its
 * midnights. Those take part in finding cancellations and duplicates, but are never paired here
 * except by a preset pair, and get no outcome; exception groups are built for all and the caller
 * keeps its day's. Indices are into the arrays given to matchLines.
 */
export interface Presets {
  ownPos: Uint8Array;
  ownStatement: Uint8Array;
  /** POS ↔ statement pairs across a midnight, with the RULE_CODES index of the rule that made them. */
  pairs: { pos: number; statement: number; rule: number }[];
  /** Ambiguous ties with lines of both sides of a midnight, each whole. */
  ties: { pos: number[]; statement: number[] }[];
}

/** matchTransactions on lines already in id order; with presets, only the own lines get outcomes. */
export function matchLines(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  options: MatchOptions,
  presets: Presets | null,
): MatchResult {
  const memory = new ChainMemory(Math.max(pos.length, statement.length));
  const cancellations = findCancellations(pos);
  const duplicateOf = findDuplicates(pos, cancellations.voided, options.duplicateWindowSeconds, memory);

  const pairing = emptyPairing(pos.length, statement.length);
  if (presets !== null) presetPairing(pairing, statement, presets);
  // Declined lines never pair. Cancelled ones may pair by reference only (a settled cancelled sale
  // must be caught), never by the window (a cancelled sale should not be on the statement at all).
  const byReference = new Uint8Array(pos.length);
  const byWindow = new Uint8Array(pos.length);
  for (let index = 0; index < pos.length; index++) {
    if (presets !== null && !presets.ownPos[index]) continue;
    byReference[index] = pos[index].approved ? 1 : 0;
    byWindow[index] = pos[index].approved && !cancellations.voided[index] ? 1 : 0;
  }
  const statementEligible = presets?.ownStatement ?? null;
  pairByReference(pos, statement, byReference, statementEligible, pairing, memory);
  pairByWindow(pos, statement, byWindow, statementEligible, options.windowMinutes * 60, pairing, memory);

  const isOverdue = overdueCheck(options.today, options.settleLagDays);
  const posCategories = categorizePos(pos, statement, cancellations, duplicateOf, pairing, isOverdue);
  const statementCategories = categorizeStatement(pos, statement, cancellations, pairing);

  const ownPos = presets?.ownPos ?? null;
  const posOutcomes = new Array<LineOutcome>(countOwn(ownPos, pos.length));
  for (let index = 0, at = 0; index < pos.length; index++) {
    if (ownPos !== null && !ownPos[index]) continue;
    const paired = pairing.posPair[index];
    const original = cancellations.originalOf[index];
    posOutcomes[at++] = {
      id: pos[index].id,
      category: posCategories[index],
      matchedLineId: paired === -1 ? null : statement[paired].id,
      rule: RULE_CODES[pairing.posRule[index]],
      originalLineId: original === -1 ? null : pos[original].id,
    };
  }
  const ownStatement = presets?.ownStatement ?? null;
  const statementOutcomes = new Array<LineOutcome>(countOwn(ownStatement, statement.length));
  for (let index = 0, at = 0; index < statement.length; index++) {
    if (ownStatement !== null && !ownStatement[index]) continue;
    const paired = pairing.statementPair[index];
    statementOutcomes[at++] = {
      id: statement[index].id,
      category: statementCategories[index],
      matchedLineId: paired === -1 ? null : pos[paired].id,
      rule: paired === -1 ? null : RULE_CODES[pairing.posRule[paired]],
      originalLineId: null,
    };
  }

  const groups = buildExceptionGroups({
    pos,
    statement,
    posCategories,
    statementCategories,
    cancellations,
    duplicateOf,
    pairing,
    isOverdue,
    ownPos,
  });
  return { pos: posOutcomes, statement: statementOutcomes, groups };
}

function countOwn(own: Uint8Array | null, length: number): number {
  if (own === null) return length;
  let count = 0;
  for (let index = 0; index < own.length; index++) count += own[index];
  return count;
}

/** The preset pairs and ties; a tie is anchored, as pairByWindow anchors one, on its lowest-id statement line. */
function presetPairing(pairing: Pairing, statement: readonly StatementLine[], presets: Presets): void {
  for (const { pos, statement: statementIndex, rule } of presets.pairs) pair(pairing, pos, statementIndex, rule);
  for (const tie of presets.ties) {
    let anchor = tie.statement[0];
    for (const index of tie.statement) if (statement[index].id < statement[anchor].id) anchor = index;
    for (const index of tie.pos) pairing.posAmbiguity[index] = anchor;
    for (const index of tie.statement) pairing.statementAmbiguity[index] = anchor;
  }
}

/** The lines by ascending id; the job usually passes them so already, and then nothing is copied. */
function inIdOrder<T extends { id: number }>(lines: readonly T[]): readonly T[] {
  for (let index = 1; index < lines.length; index++) {
    if (lines[index - 1].id >= lines[index].id) return [...lines].sort((a, b) => a.id - b.id);
  }
  return lines;
}
