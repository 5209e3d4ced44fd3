// Reconciliation rows → the API's JSON (decimal amounts, the card as stored: masked). Pure.
import type { LineSource } from "@/lib/reconciliation/types";
import type { ReconLineDto } from "@/lib/schemas/reconciliation";

/** A ReconLine row as read (Prisma model or raw SQL; raw SQL may give bigints and 0/1 booleans). */
export interface ReconLineRow {
  id: number | bigint;
  source: string;
  lineNo: number | bigint;
  storeId: string | null;
  tid: string | null;
  txAt: string | null;
  day: string;
  settleDate: string | null;
  cardMasked: string | null;
  txType: string | null;
  amountMinor: number | bigint;
  currency: string;
  rrn: string | null;
  authCode: string | null;
  traceNo: string | null;
  batchNo: string | null;
  memo: string | null;
  counterparty: string | null;
  category: string;
  matchedLineId: number | bigint | null;
  matchRule: string | null;
  manual: boolean | number | bigint;
  exceptionId: string | null;
}

/** Minor units → "-12.30", exact for any integer (a month's totals can pass 2^53 fen). */
export function formatMinorExact(minor: number | bigint): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

const numberOrNull = (value: number | bigint | null) => (value === null ? null : Number(value));

export function serializeLine(row: ReconLineRow): ReconLineDto {
  return {
    id: Number(row.id),
    source: row.source as LineSource,
    lineNo: Number(row.lineNo),
    storeId: row.storeId,
    tid: row.tid,
    txAt: row.txAt,
    day: row.day,
    settleDate: row.settleDate,
    card: row.cardMasked,
    txType: row.txType,
    amount: formatMinorExact(row.amountMinor),
    currency: row.currency,
    rrn: row.rrn,
    authCode: row.authCode,
    traceNo: row.traceNo,
    batchNo: row.batchNo,
    memo: row.memo,
    counterparty: row.counterparty,
    category: row.category,
    matchedLineId: numberOrNull(row.matchedLineId),
    matchRule: row.matchRule,
    manual: Boolean(Number(row.manual)),
    exceptionId: row.exceptionId,
  };
}
