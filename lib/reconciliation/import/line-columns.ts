// The columns the import writes for each ReconLine, and a parsed record turned into those values.
// Pure: the dialect's writer (line-store-*.ts) only decides how the values travel.
import type { BankRecord, ImportType, LineSource, PosRecord, StatementRecord } from "@/lib/reconciliation/types";

/** Inserted in this order; category is left to its default ("staged"), the rest too. */
export const LINE_COLUMNS = [
  "merchantId",
  "importId",
  "source",
  "lineNo",
  "storeId",
  "terminalId",
  "tid",
  "acquirerMid",
  "txAt",
  "day",
  "settleDate",
  "cardMasked",
  "txType",
  "amountMinor",
  "feeMinor",
  "netMinor",
  "rrn",
  "authCode",
  "traceNo",
  "batchNo",
  "approved",
  "signed",
  "operator",
  "origRrn",
  "origTrace",
  "memo",
  "counterparty",
] as const;

/** Which LINE_COLUMNS are booleans (written as 1/0 on SQLite, t/f in PostgreSQL's COPY). */
export const BOOLEAN_COLUMNS: ReadonlySet<number> = new Set([
  LINE_COLUMNS.indexOf("approved"),
  LINE_COLUMNS.indexOf("signed"),
]);

export type LineValue = string | number | boolean | null;

export const SOURCE_OF: Record<ImportType, LineSource> = {
  pos_journal: "pos",
  statement: "statement",
  bank_credit: "bank",
};

/** Where a line's terminal lives, resolved by the job from the merchant's terminals. */
export interface TerminalPlace {
  terminalId: string;
  storeId: string;
}

interface LineContext {
  merchantId: string;
  importId: string;
}

export function posLineValues(record: PosRecord, place: TerminalPlace, context: LineContext): LineValue[] {
  return [
    context.merchantId,
    context.importId,
    "pos",
    record.line,
    place.storeId,
    place.terminalId,
    record.tid,
    record.acquirerMid,
    record.txAt,
    record.txAt.slice(0, 10),
    null,
    record.cardMasked,
    record.txType,
    record.amountMinor,
    null,
    null,
    record.rrn,
    record.authCode,
    record.traceNo,
    record.batchNo,
    record.approved,
    record.signed,
    record.operator,
    record.origRrn,
    record.origTrace,
    null,
    null,
  ];
}

export function statementLineValues(record: StatementRecord, place: TerminalPlace, context: LineContext): LineValue[] {
  return [
    context.merchantId,
    context.importId,
    "statement",
    record.line,
    place.storeId,
    place.terminalId,
    record.tid,
    record.acquirerMid,
    record.txAt,
    record.txAt.slice(0, 10),
    record.settleDate,
    record.cardMasked,
    record.txType,
    record.amountMinor,
    record.feeMinor,
    record.netMinor,
    record.rrn,
    null,
    record.traceNo,
    record.batchNo,
    true,
    null,
    null,
    null,
    null,
    null,
    null,
  ];
}

export function bankLineValues(record: BankRecord, context: LineContext): LineValue[] {
  return [
    context.merchantId,
    context.importId,
    "bank",
    record.line,
    null,
    null,
    null,
    null,
    null,
    record.date,
    null,
    null,
    null,
    record.amountMinor,
    null,
    null,
    null,
    null,
    null,
    null,
    true,
    null,
    null,
    null,
    null,
    record.memo,
    record.counterparty,
  ];
}
