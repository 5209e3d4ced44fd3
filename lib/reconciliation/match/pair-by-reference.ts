// Rules 1 and 2: a POS line and a statement line are the same transaction when they share the
// terminal and type and (1) the rrn, else (2) the batch and trace no. — or the trace no. and the
// day when either side has no batch no. Both rules compare references only; the amounts are
// compared afterwards (a pair whose amounts differ is an amount_mismatch).
import { KeyTable, LineChains, typeCode } from "./key-table";
import type { PosLine, StatementLine } from "./lines";
import { dayOf } from "./local-time";
import { type Pairing, pair, RULE_RRN, RULE_TRACE } from "./pairing";

/**
 * `eligible[i]` says whether POS line i may be paired (approved lines; voided ones included, so that
 * a cancelled sale that settled anyway is caught). Within one key, lines pair in id order.
 */
export function pairByReference(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  eligible: Uint8Array,
  pairing: Pairing,
): void {
  const freePos = (index: number) => eligible[index] === 1 && pairing.posPair[index] === -1;
  const freeStatement = (index: number) => pairing.statementPair[index] === -1;

  // Rule 1: the rrn.
  const byRrn = new LineChains(statement.length, statement.length);
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.rrn !== null) byRrn.add(line.rrn, line.tid, typeCode(line.txType), index);
  }
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (line.rrn === null || !freePos(index)) continue;
    const found = byRrn.take(line.rrn, line.tid, typeCode(line.txType));
    if (found !== -1) pair(pairing, index, found, RULE_RRN);
  }

  // Rule 2, for the lines rule 1 left (few when the files carry rrns): the trace no. in the batch.
  // Batch nos. and days become small numbers folded into the key's code with the type.
  let left = 0;
  for (let index = 0; index < statement.length; index++) if (freeStatement(index)) left++;
  const parts = new KeyTable(64);
  const codeWith = (line: PosLine | StatementLine, part: string) =>
    parts.intern(part, "", 0) * 4 + typeCode(line.txType);
  const byBatchTrace = new LineChains(statement.length, left);
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.traceNo === null || line.batchNo === null || !freeStatement(index)) continue;
    byBatchTrace.add(line.traceNo, line.tid, codeWith(line, line.batchNo), index);
  }
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (line.traceNo === null || line.batchNo === null || !freePos(index)) continue;
    const found = byBatchTrace.take(line.traceNo, line.tid, codeWith(line, line.batchNo));
    if (found !== -1) pair(pairing, index, found, RULE_TRACE);
  }

  // Without a batch no. on one side, the trace no. and the day identify the transaction; two lines
  // that both carry a batch no., but different ones, are different transactions.
  const withoutBatch = new LineChains(statement.length, left);
  const withBatch = new LineChains(statement.length, left);
  for (let index = statement.length - 1; index >= 0; index--) {
    const line = statement[index];
    if (line.traceNo === null || !freeStatement(index)) continue;
    const chains = line.batchNo === null ? withoutBatch : withBatch;
    chains.add(line.traceNo, line.tid, codeWith(line, dayOf(line.txAt)), index);
  }
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (line.traceNo === null || !freePos(index)) continue;
    const code = codeWith(line, dayOf(line.txAt));
    let found = withoutBatch.take(line.traceNo, line.tid, code);
    if (found === -1 && line.batchNo === null) found = withBatch.take(line.traceNo, line.tid, code);
    if (found !== -1) pair(pairing, index, found, RULE_TRACE);
  }
}
