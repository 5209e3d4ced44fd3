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
import { emptyPairing, RULE_CODES } from "./pairing";

export type { ExceptionGroup, LineOutcome, MatchOptions, MatchResult, PosLine, StatementLine } from "./lines";
export { DEFAULT_MATCH_OPTIONS } from "./lines";

export function matchTransactions(
  posInput: readonly PosLine[],
  statementInput: readonly StatementLine[],
  options: MatchOptions,
): MatchResult {
  const pos = inIdOrder(posInput);
  const statement = inIdOrder(statementInput);

  const memory = new ChainMemory(Math.max(pos.length, statement.length));
  const cancellations = findCancellations(pos);
  const duplicateOf = findDuplicates(pos, cancellations.voided, options.duplicateWindowSeconds, memory);

  const pairing = emptyPairing(pos.length, statement.length);
  // Declined lines never pair. Cancelled ones may pair by reference only (a settled cancelled sale
  // must be caught), never by the window (a cancelled sale should not be on the statement at all).
  const byReference = new Uint8Array(pos.length);
  const byWindow = new Uint8Array(pos.length);
  for (let index = 0; index < pos.length; index++) {
    byReference[index] = pos[index].approved ? 1 : 0;
    byWindow[index] = pos[index].approved && !cancellations.voided[index] ? 1 : 0;
  }
  pairByReference(pos, statement, byReference, pairing, memory);
  pairByWindow(pos, statement, byWindow, options.windowMinutes * 60, pairing, memory);

  const isOverdue = overdueCheck(options.today, options.settleLagDays);
  const posCategories = categorizePos(pos, statement, cancellations, duplicateOf, pairing, isOverdue);
  const statementCategories = categorizeStatement(pos, statement, cancellations, pairing);

  const posOutcomes = new Array<LineOutcome>(pos.length);
  for (let index = 0; index < pos.length; index++) {
    const paired = pairing.posPair[index];
    const original = cancellations.originalOf[index];
    posOutcomes[index] = {
      id: pos[index].id,
      category: posCategories[index],
      matchedLineId: paired === -1 ? null : statement[paired].id,
      rule: RULE_CODES[pairing.posRule[index]],
      originalLineId: original === -1 ? null : pos[original].id,
    };
  }
  const statementOutcomes = new Array<LineOutcome>(statement.length);
  for (let index = 0; index < statement.length; index++) {
    const paired = pairing.statementPair[index];
    statementOutcomes[index] = {
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
  });
  return { pos: posOutcomes, statement: statementOutcomes, groups };
}

/** The lines by ascending id; the job usually passes them so already, and then nothing is copied. */
function inIdOrder<T extends { id: number }>(lines: readonly T[]): readonly T[] {
  for (let index = 1; index < lines.length; index++) {
    if (lines[index - 1].id >= lines[index].id) return [...lines].sort((a, b) => a.id - b.id);
  }
  return lines;
}
