// Rules 1 and 2: a POS line and a statement line are the same transaction when they share the
// terminal and type and (1) the rrn, else (2) the batch and trace no. — or the trace no. and the
// day when either side has no batch no. Both rules compare references only; the amounts are
// compared afterwards (a pair whose amounts differ is an amount_mismatch).
import { KeyTable, typeCode } from "./key-table";
import { type ChainMemory, LineChains } from "./line-chains";
import type { PosLine, StatementLine } from "./lines";
import { dayNumber } from "./local-time";
import { type Pairing, pair, RULE_RRN, RULE_TRACE } from "./pairing";

/**
 * `eligible[i]` says whether POS line i may be paired (approved lines; voided ones included, so that
 * a cancelled sale that settled anyway is caught); `statementEligible[j]` whether statement line j
 * may (null: all). Within one key, lines pair in id order.
 */
export function pairByReference(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  eligible: Uint8Array,
  statementEligible: Uint8Array | null,
  pairing: Pairing,
  memory: ChainMemory,
): void {
  // (A line may come already paired or tied: decided at midnight with a line of the next or previous day.)
  const freePos = (index: number) =>
    eligible[index] === 1 && pairing.posPair[index] === -1 && pairing.posAmbiguity[index] === -1;
  const freeStatement = (index: number) =>
    pairing.statementPair[index] === -1 &&
    pairing.statementAmbiguity[index] === -1 &&
    (statementEligible === null || statementEligible[index] === 1);

  // Rule 1: the rrn.
  const byRrn = new LineChains(
    memory,
    (index, rrn, terminal, code) =>
      statement[index].rrn === rrn && statement[index].tid === terminal && typeCode(statement[index].txType) === code,
  );
  let added = 0;
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.rrn === null || !freeStatement(index)) continue;
    byRrn.add(line.rrn, line.tid, typeCode(line.txType), index);
    added++;
  }
  // (Each POS loop runs only when the statement side has lines with that reference at all.)
  for (let index = 0; index < pos.length && added > 0; index++) {
    const line = pos[index];
    if (line.rrn === null || !freePos(index)) continue;
    const found = byRrn.take(line.rrn, line.tid, typeCode(line.txType));
    if (found !== -1) pair(pairing, index, found, RULE_RRN);
  }

  // Rule 2, for the lines rule 1 left (few when the files carry rrns). The batch no. (2a, interned)
  // or the day (2b, as yyyymmdd) becomes a number folded into the key's code with the type; in 2b the code also
  // says whether the statement line has a batch no., because two lines that both carry one, but
  // different ones, are different transactions.
  const parts = new KeyTable(64);
  const batchCode = (line: PosLine | StatementLine) =>
    parts.intern(line.batchNo as string, "", 0) * 4 + typeCode(line.txType);
  const dayCode = (line: PosLine | StatementLine, statementHasBatch: boolean) =>
    (dayNumber(line.txAt) * 4 + typeCode(line.txType)) * 2 + (statementHasBatch ? 1 : 0);
  const sameTrace =
    (
      code: (line: StatementLine) => number,
    ): ((index: number, trace: string, terminal: string, wanted: number) => boolean) =>
    (index, trace, terminal, wanted) =>
      statement[index].traceNo === trace && statement[index].tid === terminal && code(statement[index]) === wanted;

  const byBatchTrace = new LineChains(memory, sameTrace(batchCode));
  added = 0;
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.traceNo === null || line.batchNo === null || !freeStatement(index)) continue;
    byBatchTrace.add(line.traceNo, line.tid, batchCode(line), index);
    added++;
  }
  for (let index = 0; index < pos.length && added > 0; index++) {
    const line = pos[index];
    if (line.traceNo === null || line.batchNo === null || !freePos(index)) continue;
    const found = byBatchTrace.take(line.traceNo, line.tid, batchCode(line));
    if (found !== -1) pair(pairing, index, found, RULE_TRACE);
  }

  const byDayTrace = new LineChains(
    memory,
    sameTrace((line) => dayCode(line, line.batchNo !== null)),
  );
  added = 0;
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.traceNo === null || !freeStatement(index)) continue;
    byDayTrace.add(line.traceNo, line.tid, dayCode(line, line.batchNo !== null), index);
    added++;
  }
  for (let index = 0; index < pos.length && added > 0; index++) {
    const line = pos[index];
    if (line.traceNo === null || !freePos(index)) continue;
    let found = byDayTrace.take(line.traceNo, line.tid, dayCode(line, false));
    if (found === -1 && line.batchNo === null) found = byDayTrace.take(line.traceNo, line.tid, dayCode(line, true));
    if (found !== -1) pair(pairing, index, found, RULE_TRACE);
  }
}
