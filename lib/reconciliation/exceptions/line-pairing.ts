// What pairing and unpairing by hand share: reading a line for a change (the caller's merchant,
// never a staged one), writing its pairing, keeping its exceptions' state, and the line's state
// as the audit trail keeps it. Inside the caller's transaction.
import "server-only";
import { moveLineCategory } from "@/lib/dashboard/transaction-rollup";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { LINE_COLUMNS } from "@/lib/reconciliation/exceptions/first-lines";
import type { ReconLineRow } from "@/lib/reconciliation/exceptions/serialize-line";
import { assertLinesNotWithdrawing } from "@/lib/reconciliation/imports/withdraw-import";

export type PairableLine = ReconLineRow & { approved: boolean | number | bigint };

/** A line of the merchant that is not staged, or 404 naming the field it came in. */
export async function lineForChange(tx: Tx, merchantId: string, id: number, field: string): Promise<PairableLine> {
  const [line] = await tx.$queryRaw<PairableLine[]>`
    SELECT ${LINE_COLUMNS}, l."approved" FROM "ReconLine" l
    WHERE l."id" = ${id} AND l."merchantId" = ${merchantId} AND l."category" <> 'staged'`;
  if (!line) {
    const notFound = { reason: "LINE_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", notFound, { [field]: notFound });
  }
  await assertLinesNotWithdrawing(tx, merchantId, { ids: [id] });
  return line;
}

export interface LinePairing {
  category: string;
  matchedLineId: number | null;
  matchRule: string | null;
  exceptionId: string | null;
  /** False hands the line back to the matcher (an unpaired line still pending); absent = true. */
  manual?: boolean;
}

/** Writes a person's pairing of a line: `manual` so that re-matching leaves it as they set it. */
export async function writePairing(tx: Tx, merchantId: string, id: number, pairing: LinePairing): Promise<void> {
  // Issue 10: the dashboard's POS sums follow an unsigned or duplicate line's new category.
  await moveLineCategory(tx, merchantId, id, pairing.category);
  const changed = await tx.$executeRaw`UPDATE "ReconLine"
    SET "category" = ${pairing.category}, "matchedLineId" = ${pairing.matchedLineId},
      "matchRule" = ${pairing.matchRule}, "manual" = ${pairing.manual ?? true}, "exceptionId" = ${pairing.exceptionId}
    WHERE "id" = ${id} AND "merchantId" = ${merchantId}`;
  if (changed !== 1) throw new Error(`Line ${id} not updated.`);
}

/** The line as the audit trail keeps it (lines_paired / lines_unpaired before and after). */
export function lineState(line: ReconLineRow, pairing?: LinePairing) {
  return {
    id: Number(line.id),
    lineNo: Number(line.lineNo),
    source: line.source as "pos" | "statement" | "bank",
    category: pairing?.category ?? line.category,
    matchedLineId: pairing ? pairing.matchedLineId : line.matchedLineId === null ? null : Number(line.matchedLineId),
    matchRule: pairing ? pairing.matchRule : line.matchRule,
    manual: pairing ? (pairing.manual ?? true) : Boolean(Number(line.manual)),
    exceptionId: pairing ? pairing.exceptionId : line.exceptionId,
  };
}

/** A line's signed amount, as the matcher counts money at stake (refunds negative). */
export function signedAmount(line: ReconLineRow): number {
  const amount = Math.abs(Number(line.amountMinor));
  return line.txType === "refund" ? -amount : amount;
}

/**
 * Opens (or reopens) the exception of `key` for lines a person left needing work; keys are the
 * matcher's (lib/reconciliation/match/exception-groups.ts), so a re-run finds the same row.
 */
export async function openException(
  tx: Tx,
  merchantId: string,
  {
    key,
    category,
    line,
    lineCount,
    amountMinor,
  }: { key: string; category: string; line: ReconLineRow; lineCount: number; amountMinor: number },
): Promise<string> {
  const { id } = await tx.reconException.upsert({
    where: { merchantId_key: { merchantId, key } },
    create: {
      merchantId,
      key,
      category,
      storeId: line.storeId,
      tid: line.tid,
      batchNo: line.batchNo,
      day: line.day,
      lineCount,
      amountMinor: BigInt(amountMinor),
      currency: line.currency,
    },
    update: { category, lineCount, amountMinor: BigInt(amountMinor), status: "open", resolvedAt: null },
    select: { id: true },
  });
  return id;
}

/**
 * After lines left them: an exception with no line left is resolved (a person explained it), one
 * with lines left keeps their count. Returns the ids resolved.
 */
export async function settleExceptions(tx: Tx, merchantId: string, exceptionIds: string[], now: Date) {
  const resolved: string[] = [];
  for (const id of new Set(exceptionIds)) {
    const left = await tx.reconLine.count({ where: { exceptionId: id, merchantId } });
    if (left === 0) {
      // One resolved already (a case a person explained before) is not reported as resolved now.
      const { count } = await tx.reconException.updateMany({
        where: { id, merchantId, status: "open" },
        data: { status: "resolved", resolvedAt: now },
      });
      if (count === 1) resolved.push(id);
    } else {
      await tx.reconException.updateMany({ where: { id, merchantId }, data: { lineCount: left } });
      await recountStake(tx, merchantId, id);
    }
  }
  return resolved;
}

/** The exceptions whose money at stake is the sum of their own lines (a missing batch's net). */
const SUMMED_CATEGORIES = ["pos_only", "statement_only"];

/**
 * An open exception of a summed category that kept some lines: its amount is what its own lines
 * (those still of its category) sum to — a line of a missing batch paired by hand stays in it as
 * evidence, matched, and no longer counts, as the matcher's sum would leave it out.
 */
async function recountStake(tx: Tx, merchantId: string, id: string) {
  const exception = await tx.reconException.findFirst({
    where: { id, merchantId, status: "open", category: { in: SUMMED_CATEGORIES } },
    select: { category: true },
  });
  if (!exception) return;
  const [sum] = await tx.$queryRaw<{ amount: number | bigint | null }[]>`
    SELECT CAST(SUM(CASE WHEN "txType" = 'refund' THEN -ABS("amountMinor") ELSE ABS("amountMinor") END) AS BIGINT) AS "amount"
    FROM "ReconLine" WHERE "exceptionId" = ${id} AND "merchantId" = ${merchantId} AND "category" = ${exception.category}`;
  if (sum?.amount === null || sum?.amount === undefined) return;
  await tx.reconException.updateMany({ where: { id, merchantId }, data: { amountMinor: BigInt(sum.amount) } });
}

/**
 * After a pairing: the open ones of these exceptions whose every line is now matched are resolved
 * (a person explained them); one with a line still needing work (the rest of a missing batch)
 * stays open. A matched line keeps its exceptionId, as evidence. Returns the ids resolved.
 */
export async function resolveExplained(tx: Tx, merchantId: string, exceptionIds: string[], now: Date) {
  const resolved: string[] = [];
  for (const id of new Set(exceptionIds)) {
    const unexplained = await tx.reconLine.count({
      where: { exceptionId: id, merchantId, category: { not: "matched" } },
    });
    if (unexplained > 0) {
      await recountStake(tx, merchantId, id);
      continue;
    }
    const { count } = await tx.reconException.updateMany({
      where: { id, merchantId, status: "open" },
      data: { status: "resolved", resolvedAt: now },
    });
    if (count === 1) resolved.push(id);
  }
  return resolved;
}

/** Why a line never takes a partner by hand nor loses one: declined, or cancelled (a void, a reversal, a sale they cancelled). */
export function notPairableBecause(line: PairableLine): "declined" | "voided" | null {
  if (!Number(line.approved) || line.category === "declined") return "declined";
  if (line.txType === "void" || line.txType === "reversal" || line.category === "voided") return "voided";
  return null;
}

/**
 * Which lines a person may pair: never a declined line, a void or a reversal (or a sale they
 * cancelled) — the matcher never pairs those either — and the two lines of one terminal, in one
 * currency, both refunds or neither.
 */
export function assertPairable(pos: PairableLine, statement: PairableLine): void {
  for (const [line, field] of [
    [pos, "posLineId"],
    [statement, "statementLineId"],
  ] as const) {
    const category = notPairableBecause(line);
    if (category) {
      const refused = { reason: "LINE_NOT_PAIRABLE", params: { category } } as const;
      throw new AppError("RULE_VIOLATION", refused, { [field]: refused });
    }
  }
  if (pos.tid !== statement.tid) {
    const other = { reason: "LINES_OTHER_TERMINAL" } as const;
    throw new AppError("RULE_VIOLATION", other, { statementLineId: other });
  }
  // Amounts are compared without their sign or currency (a refund's may be printed either way):
  // a refund paired with a sale, or 50 CNY with 50 USD, would read as money explained.
  if (pos.currency !== statement.currency) {
    const other = { reason: "LINES_OTHER_CURRENCY" } as const;
    throw new AppError("RULE_VIOLATION", other, { statementLineId: other });
  }
  if ((pos.txType === "refund") !== (statement.txType === "refund")) {
    const other = { reason: "LINES_OTHER_DIRECTION" } as const;
    throw new AppError("RULE_VIOLATION", other, { statementLineId: other });
  }
}

/**
 * What a line becomes without a partner: the side of the story it alone tells, as an exception of
 * its own (the matcher's key); a POS line the statement may still explain (its day not overdue, as
 * the matcher decides) pending and handed back to the matcher. An unsigned or duplicate POS line
 * stays what it is (that is true with or without a statement line), in its exception.
 */
export async function aloneCategory(
  tx: Tx,
  merchantId: string,
  line: PairableLine,
  isOverdue: (day: string) => boolean,
): Promise<LinePairing> {
  if (line.source === "pos" && (line.category === "unsigned" || line.category === "duplicate")) {
    return { category: line.category, matchedLineId: null, matchRule: null, exceptionId: line.exceptionId };
  }
  if (line.source === "pos" && !isOverdue(line.day)) {
    return { category: "pending", matchedLineId: null, matchRule: null, exceptionId: null, manual: false };
  }
  const category =
    line.source === "pos" ? "pos_only" : line.source === "statement" ? "statement_only" : "credit_unexplained";
  const exceptionId = await openException(tx, merchantId, {
    key: `${category}:${Number(line.id)}`,
    category,
    line,
    lineCount: 1,
    amountMinor: signedAmount(line),
  });
  return { category, matchedLineId: null, matchRule: null, exceptionId };
}

/** The incident the change concerns, for the audit event (the first linked one), or null. */
export async function incidentOf(tx: Tx, merchantId: string, exceptionIds: string[]): Promise<string | null> {
  if (exceptionIds.length === 0) return null;
  const linked = await tx.reconException.findFirst({
    where: { merchantId, id: { in: exceptionIds }, incidentId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { incidentId: true },
  });
  return linked?.incidentId ?? null;
}
