// The exception groups finance works on; each later becomes at most one incident. One group per
// exception line (a mismatched pair together, a duplicate with its first, an ambiguous tie as a
// whole) except that a terminal batch missing from the statement altogether is ONE group, not
// hundreds. A group may name a line that is another group's own (a duplicate's first charge
// missing from the statement): the line points at its own group (publish.ts, groupTakesLine),
// decided there rather than here because the two groups may be two days' matched apart. Keys depend only on the lines (ids, terminal, batch), never on input order, so a
// re-run upserts the same exception and its incident stays linked.
//
// amountMinor is the money at stake: the till's net (refunds negative) for pos_only; the
// statement's amount for statement_only and ambiguous; the extra charge for duplicate; the sale
// for unsigned; |till| − |statement| for amount_mismatch (positive: settled less than charged).
import type { LineCategory, LocalDate } from "@/lib/reconciliation/types";
import type { Cancellations } from "./cancellations";
import { KeyTable } from "./key-table";
import type { ExceptionGroup, PosLine, StatementLine } from "./lines";
import { dayOf } from "./local-time";
import type { Pairing } from "./pairing";

interface GroupInput {
  pos: readonly PosLine[];
  statement: readonly StatementLine[];
  posCategories: readonly LineCategory[];
  statementCategories: readonly LineCategory[];
  cancellations: Cancellations;
  duplicateOf: Int32Array;
  pairing: Pairing;
  isOverdue: (day: LocalDate) => boolean;
  /**
   * Which POS lines are the day's own when other days' lines near its midnights take part
   * (match-day.ts; null: all are). Only own lines make up a missing batch.
   */
  ownPos: Uint8Array | null;
}

const signedAmount = (line: PosLine | StatementLine) =>
  line.txType === "refund" ? -Math.abs(line.amountMinor) : Math.abs(line.amountMinor);

export function buildExceptionGroups(input: GroupInput): ExceptionGroup[] {
  const { pos, statement, posCategories, statementCategories, duplicateOf, pairing } = input;
  const groups: ExceptionGroup[] = [];
  const inMissingBatch = missingBatches(input, groups);
  const pairedId = (posIndex: number) =>
    pairing.posPair[posIndex] === -1 ? [] : [statement[pairing.posPair[posIndex]].id];

  for (let index = 0; index < pos.length; index++) {
    const category = posCategories[index];
    if (category !== "pos_only" && category !== "duplicate" && category !== "unsigned") continue;
    const line = pos[index];
    const base = { tid: line.tid, batchNo: line.batchNo, day: dayOf(line.txAt) };
    switch (category) {
      case "pos_only":
        if (inMissingBatch[index]) break;
        groups.push({
          key: `pos_only:${line.id}`,
          category: "pos_only",
          posLineIds: [line.id],
          statementLineIds: [],
          amountMinor: signedAmount(line),
          ...base,
        });
        break;
      case "duplicate": {
        const first = duplicateOf[index];
        groups.push({
          key: `duplicate:${line.id}`,
          category: "duplicate",
          posLineIds: [pos[first].id, line.id],
          statementLineIds: [...pairedId(first), ...pairedId(index)].sort((a, b) => a - b),
          amountMinor: signedAmount(line),
          ...base,
        });
        break;
      }
      case "unsigned":
        groups.push({
          key: `unsigned:${line.id}`,
          category: "unsigned",
          posLineIds: [line.id],
          statementLineIds: pairedId(index),
          amountMinor: signedAmount(line),
          ...base,
        });
        break;
      default:
        break;
    }
  }

  const ambiguities = new Map<number, { posLineIds: number[]; statementLineIds: number[]; amountMinor: number }>();
  for (let index = 0; index < statement.length; index++) {
    const line = statement[index];
    const paired = pairing.statementPair[index];
    switch (statementCategories[index]) {
      case "statement_only":
        groups.push({
          key: `statement_only:${line.id}`,
          category: "statement_only",
          posLineIds: paired === -1 ? [] : [pos[paired].id],
          statementLineIds: [line.id],
          tid: line.tid,
          batchNo: line.batchNo,
          day: dayOf(line.txAt),
          amountMinor: signedAmount(line),
        });
        break;
      case "amount_mismatch": {
        const till = pos[paired];
        groups.push({
          key: `amount_mismatch:${till.id}:${line.id}`,
          category: "amount_mismatch",
          posLineIds: [till.id],
          statementLineIds: [line.id],
          tid: till.tid,
          batchNo: till.batchNo ?? line.batchNo,
          day: dayOf(till.txAt),
          amountMinor: Math.abs(till.amountMinor) - Math.abs(line.amountMinor),
        });
        break;
      }
      case "ambiguous": {
        const anchor = pairing.statementAmbiguity[index];
        const tie = ambiguities.get(anchor) ?? { posLineIds: [], statementLineIds: [], amountMinor: 0 };
        tie.statementLineIds.push(line.id);
        tie.amountMinor += signedAmount(line);
        ambiguities.set(anchor, tie);
        break;
      }
      default:
        break;
    }
  }
  if (ambiguities.size > 0) {
    for (let index = 0; index < pos.length; index++) {
      const anchor = pairing.posAmbiguity[index];
      if (anchor !== -1) ambiguities.get(anchor)?.posLineIds.push(pos[index].id);
    }
    const byId = (a: number, b: number) => a - b;
    for (const [anchor, tie] of ambiguities) {
      const line = statement[anchor];
      groups.push({
        key: `ambiguous:${line.id}`,
        category: "ambiguous",
        posLineIds: tie.posLineIds.sort(byId),
        statementLineIds: tie.statementLineIds.sort(byId),
        amountMinor: tie.amountMinor,
        tid: line.tid,
        batchNo: line.batchNo,
        day: dayOf(line.txAt),
      });
    }
  }
  return groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A terminal batch is missing when every approved, non-voided POS line of it (tid, batch no.) is
 * unpaired and overdue and the statement has no line of that batch at all. Its pos_only lines form
 * one group (none when it has none); a duplicate or unsigned sale of it is a case of its own (a
 * refund to agree, a slip to re-sign), and a line points at one exception (publish.ts), so it is
 * counted there, once. Returns, by POS index, whether a line is in such a group.
 */
function missingBatches(input: GroupInput, groups: ExceptionGroup[]): Uint8Array {
  const { pos, statement, cancellations, pairing, isOverdue, ownPos } = input;
  const inMissingBatch = new Uint8Array(pos.length);
  const counts = (index: number) =>
    (ownPos === null || ownPos[index] === 1) &&
    pos[index].approved &&
    pos[index].batchNo !== null &&
    !cancellations.voided[index];
  const unexplained = (index: number) =>
    pairing.posPair[index] === -1 && pairing.posAmbiguity[index] === -1 && isOverdue(dayOf(pos[index].txAt));

  // Candidate batches are those with an unexplained line: usually few, as most batches settle.
  const candidates = new KeyTable(64);
  const missing: boolean[] = [];
  for (let index = 0; index < pos.length; index++) {
    if (!counts(index) || !unexplained(index)) continue;
    if (candidates.intern(pos[index].batchNo as string, pos[index].tid, 0) === missing.length) missing.push(true);
  }
  let remaining = missing.length;
  const explained = (batch: number) => {
    if (batch === -1 || !missing[batch]) return;
    missing[batch] = false;
    remaining--;
  };
  // Neighbouring lines mostly share terminal and batch: the last lookup is reused for them.
  let lastTid = "";
  let lastBatchNo = "";
  let lastBatch = -1;
  const batchOf = (line: PosLine | StatementLine) => {
    if (line.batchNo === null) return -1;
    if (line.tid !== lastTid || line.batchNo !== lastBatchNo) {
      lastTid = line.tid;
      lastBatchNo = line.batchNo;
      lastBatch = candidates.find(line.batchNo, line.tid, 0);
    }
    return lastBatch;
  };
  // The statement first: when it carries batch nos. it usually rules out every candidate at once.
  for (let index = 0; index < statement.length && remaining > 0; index++) explained(batchOf(statement[index]));
  const lineBatch = new Int32Array(pos.length).fill(-1);
  for (let index = 0; index < pos.length && remaining > 0; index++) {
    if (!counts(index)) continue;
    lineBatch[index] = batchOf(pos[index]);
    if (!unexplained(index)) explained(lineBatch[index]);
  }
  if (remaining === 0) return inMissingBatch;

  const byBatch: ExceptionGroup[] = [];
  for (let index = 0; index < pos.length; index++) {
    const batch = lineBatch[index];
    if (batch === -1 || !missing[batch] || input.posCategories[index] !== "pos_only") continue;
    const line = pos[index];
    inMissingBatch[index] = 1;
    const day = dayOf(line.txAt);
    const group = byBatch[batch];
    if (group === undefined) {
      byBatch[batch] = {
        key: "",
        category: "pos_only",
        posLineIds: [line.id],
        statementLineIds: [],
        tid: line.tid,
        batchNo: line.batchNo,
        day,
        amountMinor: signedAmount(line),
      };
    } else {
      group.posLineIds.push(line.id);
      group.amountMinor += signedAmount(line);
      if (day < group.day) group.day = day;
    }
  }
  for (const group of byBatch) {
    if (group !== undefined)
      groups.push({ ...group, key: `pos_only:batch:${group.tid}:${group.batchNo}:${group.day}` });
  }
  return inMissingBatch;
}
