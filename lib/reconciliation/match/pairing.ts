// The pairing state shared by the three rules, by line index (lines sorted by id).
import type { MatchRule } from "@/lib/reconciliation/types";

export const RULE_CODES = [null, "rrn", "trace", "window"] as const satisfies readonly (MatchRule | null)[];
export const RULE_RRN = 1;
export const RULE_TRACE = 2;
export const RULE_WINDOW = 3;

export interface Pairing {
  /** Index of the paired statement line, or -1. */
  posPair: Int32Array;
  /** Index of the paired POS line, or -1. */
  statementPair: Int32Array;
  /** Per POS line: the RULE_CODES index that paired it (0 = none). */
  posRule: Uint8Array;
  /** Index of the lowest statement line of the ambiguous tie the line is in, or -1. */
  posAmbiguity: Int32Array;
  statementAmbiguity: Int32Array;
}

export function emptyPairing(posCount: number, statementCount: number): Pairing {
  return {
    posPair: new Int32Array(posCount).fill(-1),
    statementPair: new Int32Array(statementCount).fill(-1),
    posRule: new Uint8Array(posCount),
    posAmbiguity: new Int32Array(posCount).fill(-1),
    statementAmbiguity: new Int32Array(statementCount).fill(-1),
  };
}

export function pair(pairing: Pairing, posIndex: number, statementIndex: number, rule: number): void {
  pairing.posPair[posIndex] = statementIndex;
  pairing.statementPair[statementIndex] = posIndex;
  pairing.posRule[posIndex] = rule;
}
