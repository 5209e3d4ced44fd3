// Voids, reversals and refunds find the sale they refer to (by original rrn, else original trace
// no, on the same terminal). A void (撤销) cancels a sale of its own batch and a reversal (冲正)
// one of any batch: both lines become `voided` and neither should settle. A refund (退货) only
// records its original sale; it settles on its own like any line. A reversal that names no
// original carries the original's own trace no. (the terminal resends the sale's trace with it),
// so it cancels the sale of its batch with its trace no. and amount.

import type { PosLine } from "./lines";
import { dayOf, wallClockSeconds } from "./local-time";

export interface Cancellations {
  /** 1 for a cancelled sale and for the void or reversal that cancelled it (by line index). */
  voided: Uint8Array;
  /** For a linked void, reversal or refund: the index of its sale; else -1. */
  originalOf: Int32Array;
}

const SEPARATOR = "\u0001";

/**
 * `pos` is sorted by id. Only approved lines take part (a declined void cancelled nothing). A
 * void without any original reference is left alone (so is a reversal without one and without a
 * trace no.): guessing its sale by amount could cancel the wrong one, so it is matched like any
 * other line instead.
 */
export function findCancellations(pos: readonly PosLine[]): Cancellations {
  const voided = new Uint8Array(pos.length);
  const originalOf = new Int32Array(pos.length).fill(-1);

  const referring: number[] = [];
  const referencedRrns = new Set<string>();
  const referencedTraces = new Set<string>();
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (!isReferring(line)) continue;
    referring.push(index);
    if (line.origRrn !== null) referencedRrns.add(line.origRrn);
    const trace = originalTrace(line);
    if (trace !== null) referencedTraces.add(trace);
  }
  if (referring.length === 0) return { voided, originalOf };

  // Index only the sales something refers to: a membership test on a string the line already
  // holds is far cheaper than building a key for each of a million sales.
  const salesByRrn = new Map<string, number[]>();
  const salesByTrace = new Map<string, number[]>();
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (!line.approved || line.txType !== "sale") continue;
    if (line.rrn !== null && referencedRrns.has(line.rrn)) push(salesByRrn, line.tid + SEPARATOR + line.rrn, index);
    if (line.traceNo !== null && referencedTraces.has(line.traceNo)) {
      push(salesByTrace, line.tid + SEPARATOR + line.traceNo, index);
    }
  }

  // Cancellations first, in time order, so that of two voids naming one sale the earlier wins;
  // then refunds, which may name a sale that was voided (and say so through the link).
  const byTime = (a: number, b: number) => (pos[a].txAt < pos[b].txAt ? -1 : pos[a].txAt > pos[b].txAt ? 1 : a - b);
  const cancelling = referring.filter((index) => pos[index].txType !== "refund").sort(byTime);
  const refunds = referring.filter((index) => pos[index].txType === "refund").sort(byTime);

  for (const index of cancelling) {
    const line = pos[index];
    const byOwnTrace = namesNoOriginal(line);
    const fits = (sale: number) =>
      !voided[sale] &&
      (byOwnTrace
        ? sameBatch(line, pos[sale]) && Math.abs(pos[sale].amountMinor) === Math.abs(line.amountMinor)
        : line.txType === "reversal" || sameBatch(line, pos[sale]));
    const sale = findOriginal(pos, line, salesByRrn, salesByTrace, fits);
    if (sale === -1) continue;
    voided[sale] = 1;
    voided[index] = 1;
    originalOf[index] = sale;
  }
  for (const index of refunds) {
    originalOf[index] = findOriginal(pos, pos[index], salesByRrn, salesByTrace, () => true);
  }
  return { voided, originalOf };
}

/**
 * The lines whose presence decides what findCancellations finds: approved voids, reversals and
 * refunds that name an original, and the approved sales of their terminals that they name (by rrn
 * or trace no.). Whether a line is cancelled, and by which, depends on these lines only, however
 * far apart in time they are, so a day matched apart from its neighbours needs the neighbours'
 * ones (match-day.ts). In the order given.
 */
export function cancellationLines<Line extends PosLine>(pos: readonly Line[]): Line[] {
  const referenced = new Set<string>();
  for (const line of pos) {
    if (!isReferring(line)) continue;
    if (line.origRrn !== null) referenced.add(`${line.tid}${SEPARATOR}r${line.origRrn}`);
    const trace = originalTrace(line);
    if (trace !== null) referenced.add(`${line.tid}${SEPARATOR}t${trace}`);
  }
  if (referenced.size === 0) return [];
  return pos.filter(
    (line) =>
      isReferring(line) ||
      (line.approved &&
        line.txType === "sale" &&
        ((line.rrn !== null && referenced.has(`${line.tid}${SEPARATOR}r${line.rrn}`)) ||
          (line.traceNo !== null && referenced.has(`${line.tid}${SEPARATOR}t${line.traceNo}`)))),
  );
}

/** An approved void, reversal or refund that names its original (a reversal by its own trace no.). */
function isReferring(line: PosLine): boolean {
  return line.approved && line.txType !== "sale" && (line.origRrn !== null || originalTrace(line) !== null);
}

/** A reversal with no original reference but a trace no. of its own: the sale's, resent. */
function namesNoOriginal(line: PosLine): boolean {
  return line.txType === "reversal" && line.origRrn === null && line.origTrace === null && line.traceNo !== null;
}

/** The trace no. a line names its original by: its original trace, or a reversal's own. */
function originalTrace(line: PosLine): string | null {
  return namesNoOriginal(line) ? line.traceNo : line.origTrace;
}

/** A void belongs to its sale's batch; when either side has no batch no., the same day stands in. */
function sameBatch(a: PosLine, b: PosLine): boolean {
  if (a.batchNo !== null && b.batchNo !== null) return a.batchNo === b.batchNo;
  return dayOf(a.txAt) === dayOf(b.txAt);
}

/** The fitting sale named by original rrn, else by original trace; the nearest in time, then lowest id. */
function findOriginal(
  pos: readonly PosLine[],
  line: PosLine,
  salesByRrn: Map<string, number[]>,
  salesByTrace: Map<string, number[]>,
  fits: (sale: number) => boolean,
): number {
  const byRrn = line.origRrn === null ? undefined : salesByRrn.get(line.tid + SEPARATOR + line.origRrn);
  const found = nearest(pos, line, byRrn, fits);
  if (found !== -1) return found;
  const trace = originalTrace(line);
  const byTrace = trace === null ? undefined : salesByTrace.get(line.tid + SEPARATOR + trace);
  return nearest(pos, line, byTrace, fits);
}

function nearest(
  pos: readonly PosLine[],
  line: PosLine,
  candidates: number[] | undefined,
  fits: (sale: number) => boolean,
): number {
  if (candidates === undefined) return -1;
  const at = wallClockSeconds(line.txAt);
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (!fits(candidate)) continue;
    const distance = Math.abs(wallClockSeconds(pos[candidate].txAt) - at);
    // Candidates are in ascending index (= id) order, so a strict < keeps the lowest id on a tie.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
