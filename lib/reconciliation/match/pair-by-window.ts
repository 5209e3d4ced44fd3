// Rule 3, for lines the references could not pair: same terminal, type and amount (by absolute
// value: files print refunds either way) within ±window, one-to-one, nearest first. A line with
// two or more candidates equally near is not paired: it and those candidates become `ambiguous`,
// for a person to decide. Lines whose rrns are both present cannot pair here — after rule 1 two
// different rrns mean two different transactions, whatever their amounts and times.

import { typeCode } from "./key-table";
import { type ChainMemory, LineChains } from "./line-chains";
import type { PosLine, StatementLine } from "./lines";
import { secondsApart, wallClockSeconds } from "./local-time";
import { type Pairing, pair, RULE_WINDOW } from "./pairing";

interface Candidate {
  posIndex: number;
  statementIndex: number;
  distance: number;
}

const codeOf = (line: PosLine | StatementLine) => Math.abs(line.amountMinor) * 4 + typeCode(line.txType);

/**
 * Lines are bucketed by (terminal, type, |amount|) — statement lines open buckets, POS lines join
 * one — and sorted by time within a bucket, so candidates come from a sliding window: the work is
 * the number of lines plus the number of candidate pairs. A bucket of one line a side (the usual
 * case) is decided on the spot, without arrays.
 */
export function pairByWindow(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  eligible: Uint8Array,
  statementEligible: Uint8Array | null,
  windowSeconds: number,
  pairing: Pairing,
  memory: ChainMemory,
): void {
  const buckets = new LineChains(
    memory,
    (index, _text, terminal, code) => statement[index].tid === terminal && codeOf(statement[index]) === code,
  );
  let open = 0;
  for (let index = statement.length - 1; index >= 0; index--) {
    if (pairing.statementPair[index] !== -1 || pairing.statementAmbiguity[index] !== -1) continue;
    if (statementEligible !== null && statementEligible[index] !== 1) continue;
    buckets.add("", statement[index].tid, codeOf(statement[index]), index);
    open++;
  }
  if (open === 0) return;
  // Each bucket's POS lines: a chain through posNext, its head kept in the bucket's extra number.
  const posNext = new Int32Array(pos.length);
  for (let index = pos.length - 1; index >= 0; index--) {
    if (eligible[index] !== 1 || pairing.posPair[index] !== -1 || pairing.posAmbiguity[index] !== -1) continue;
    const slot = buckets.slotOf("", pos[index].tid, codeOf(pos[index]));
    if (slot === -1) continue;
    posNext[index] = buckets.extraAt(slot);
    buckets.setExtraAt(slot, index);
  }

  buckets.forEachSlot((slot) => {
    const firstPos = buckets.extraAt(slot);
    if (firstPos === -1) return;
    const firstStatement = buckets.headAt(slot);
    if (posNext[firstPos] === -1 && buckets.nextOf(firstStatement) === -1) {
      const distance = secondsApart(pos[firstPos].txAt, statement[firstStatement].txAt);
      const conflicting = pos[firstPos].rrn !== null && statement[firstStatement].rrn !== null;
      if (distance <= windowSeconds && !conflicting) pair(pairing, firstPos, firstStatement, RULE_WINDOW);
      return;
    }
    const posMembers: number[] = [];
    for (let index = firstPos; index !== -1; index = posNext[index]) posMembers.push(index);
    const statementMembers: number[] = [];
    for (let index = firstStatement; index !== -1; index = buckets.nextOf(index)) statementMembers.push(index);
    resolve(candidatesOf(pos, statement, posMembers, statementMembers, windowSeconds), pairing);
  });
}

function candidatesOf(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  posMembers: number[],
  statementMembers: number[],
  windowSeconds: number,
): Candidate[] {
  const posTimes = posMembers
    .map((index) => ({ index, at: wallClockSeconds(pos[index].txAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const statementTimes = statementMembers
    .map((index) => ({ index, at: wallClockSeconds(statement[index].txAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const candidates: Candidate[] = [];
  let from = 0;
  for (const line of statementTimes) {
    while (from < posTimes.length && posTimes[from].at < line.at - windowSeconds) from++;
    const statementHasRrn = statement[line.index].rrn !== null;
    for (let at = from; at < posTimes.length && posTimes[at].at <= line.at + windowSeconds; at++) {
      const posIndex = posTimes[at].index;
      if (statementHasRrn && pos[posIndex].rrn !== null) continue;
      candidates.push({ posIndex, statementIndex: line.index, distance: Math.abs(posTimes[at].at - line.at) });
    }
  }
  return candidates.sort(
    (a, b) => a.distance - b.distance || a.statementIndex - b.statementIndex || a.posIndex - b.posIndex,
  );
}

/**
 * Greedy, nearest first. All candidate pairs at the smallest remaining distance are looked at
 * together: a pair whose two lines have no other candidate at that distance is paired; the other
 * pairs at that distance form ties, and each connected tie (a statement line with its equally near
 * POS lines, or a POS line with its equally near statement lines) becomes ambiguous as a whole.
 */
function resolve(candidates: Candidate[], pairing: Pairing): void {
  const isFree = (candidate: Candidate) =>
    pairing.posPair[candidate.posIndex] === -1 &&
    pairing.statementPair[candidate.statementIndex] === -1 &&
    pairing.posAmbiguity[candidate.posIndex] === -1 &&
    pairing.statementAmbiguity[candidate.statementIndex] === -1;

  let start = 0;
  while (start < candidates.length) {
    let end = start;
    while (end < candidates.length && candidates[end].distance === candidates[start].distance) end++;
    const level = candidates.slice(start, end).filter(isFree);
    start = end;

    const posDegree = new Map<number, number>();
    const statementDegree = new Map<number, number>();
    for (const candidate of level) {
      posDegree.set(candidate.posIndex, (posDegree.get(candidate.posIndex) ?? 0) + 1);
      statementDegree.set(candidate.statementIndex, (statementDegree.get(candidate.statementIndex) ?? 0) + 1);
    }
    const ties: Candidate[] = [];
    for (const candidate of level) {
      if (posDegree.get(candidate.posIndex) === 1 && statementDegree.get(candidate.statementIndex) === 1) {
        pair(pairing, candidate.posIndex, candidate.statementIndex, RULE_WINDOW);
      } else {
        ties.push(candidate);
      }
    }
    if (ties.length > 0) markAmbiguous(ties, pairing);
  }
}

/** Marks each connected group of tied candidates with the lowest statement index in it. */
function markAmbiguous(ties: Candidate[], pairing: Pairing): void {
  // Union-find over the tie's lines; POS line i is node "p<i>", statement line j is "s<j>".
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let current = node;
    for (let up = parent.get(current); up !== undefined && up !== current; up = parent.get(current)) current = up;
    parent.set(node, current);
    return current;
  };
  for (const tie of ties) {
    const posNode = `p${tie.posIndex}`;
    const statementNode = `s${tie.statementIndex}`;
    if (!parent.has(posNode)) parent.set(posNode, posNode);
    if (!parent.has(statementNode)) parent.set(statementNode, statementNode);
    parent.set(root(posNode), root(statementNode));
  }
  const lowestStatement = new Map<string, number>();
  for (const tie of ties) {
    const group = root(`s${tie.statementIndex}`);
    lowestStatement.set(group, Math.min(lowestStatement.get(group) ?? tie.statementIndex, tie.statementIndex));
  }
  for (const tie of ties) {
    const anchor = lowestStatement.get(root(`s${tie.statementIndex}`)) ?? tie.statementIndex;
    pairing.posAmbiguity[tie.posIndex] = anchor;
    pairing.statementAmbiguity[tie.statementIndex] = anchor;
  }
}
