// Every line's one category, from what the earlier steps found. On a POS line the precedence is
// declined, voided, duplicate, unsigned, then the pairing's result; a statement line's category
// follows from its pairing alone.
import type { LineCategory, LocalDate } from "@/lib/reconciliation/types";
import type { Cancellations } from "./cancellations";
import type { PosLine, StatementLine } from "./lines";
import { addDays, dayOf } from "./local-time";
import type { Pairing } from "./pairing";

/**
 * True when the settle date a POS line of `day` was expected on (day + settleLagDays) is over:
 * on that settle date itself the statement may still come the same day, so the line is pending
 * until the day after.
 */
export function overdueCheck(today: LocalDate, settleLagDays: number): (day: LocalDate) => boolean {
  const byDay = new Map<LocalDate, boolean>();
  return (day) => {
    let overdue = byDay.get(day);
    if (overdue === undefined) {
      overdue = addDays(day, settleLagDays) < today;
      byDay.set(day, overdue);
    }
    return overdue;
  };
}

export function categorizePos(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  cancellations: Cancellations,
  duplicateOf: Int32Array,
  pairing: Pairing,
  isOverdue: (day: LocalDate) => boolean,
): LineCategory[] {
  const categories = new Array<LineCategory>(pos.length);
  for (let index = 0; index < pos.length; index++) {
    const line = pos[index];
    if (!line.approved) categories[index] = "declined";
    else if (cancellations.voided[index]) categories[index] = "voided";
    else if (duplicateOf[index] !== -1) categories[index] = "duplicate";
    else if (line.txType === "sale" && line.signed === false) categories[index] = "unsigned";
    else {
      const paired = pairing.posPair[index];
      if (paired !== -1) categories[index] = sameAmount(line, statement[paired]) ? "matched" : "amount_mismatch";
      else if (pairing.posAmbiguity[index] !== -1) categories[index] = "ambiguous";
      else categories[index] = isOverdue(dayOf(line.txAt)) ? "pos_only" : "pending";
    }
  }
  return categories;
}

export function categorizeStatement(
  pos: readonly PosLine[],
  statement: readonly StatementLine[],
  cancellations: Cancellations,
  pairing: Pairing,
): LineCategory[] {
  const categories = new Array<LineCategory>(statement.length);
  for (let index = 0; index < statement.length; index++) {
    const paired = pairing.statementPair[index];
    if (paired !== -1) {
      // Settled although the till cancelled it: money moved that should not have.
      if (cancellations.voided[paired]) categories[index] = "statement_only";
      else categories[index] = sameAmount(pos[paired], statement[index]) ? "matched" : "amount_mismatch";
    } else if (pairing.statementAmbiguity[index] !== -1) categories[index] = "ambiguous";
    else categories[index] = "statement_only";
  }
  return categories;
}

/** Files print refunds negative or positive, so amounts compare by absolute value. */
export function sameAmount(a: { amountMinor: number }, b: { amountMinor: number }): boolean {
  return Math.abs(a.amountMinor) === Math.abs(b.amountMinor);
}
