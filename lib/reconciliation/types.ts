// The reconciliation's vocabulary, shared by the parser (lib/reconciliation/parse), the matcher
// (lib/reconciliation/match), the import job and the API. Pure: no I/O.
//
// Times in the files are the merchant's wall clock (no zone). They stay wall clock here — a
// "YYYY-MM-DD HH:MM:SS" string and its day — so matching never converts time zones; the one place
// that needs an instant (an incident opened from a line) converts with the merchant's zone.

export const IMPORT_TYPES = ["pos_journal", "statement", "bank_credit"] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const TX_TYPES = ["sale", "void", "refund", "reversal"] as const;
export type TxType = (typeof TX_TYPES)[number];

/** Where a transaction line came from. */
export const LINE_SOURCES = ["pos", "statement", "bank"] as const;
export type LineSource = (typeof LINE_SOURCES)[number];

/**
 * The category every POS and statement line ends in. `pending` is an approved POS line that no
 * statement explains yet while its settle date has not passed (it becomes `pos_only` once it has).
 */
export const LINE_CATEGORIES = [
  "pending",
  "matched",
  "amount_mismatch",
  "pos_only",
  "statement_only",
  "duplicate",
  "unsigned",
  "ambiguous",
  "voided",
  "declined",
] as const;
export type LineCategory = (typeof LINE_CATEGORIES)[number];

/**
 * The categories of POS and statement lines that make exception groups. A line of one of them is
 * its own group's (one per line, or its batch's) — never taken by a group that only names it, as a
 * duplicate's names its first charge — so every such group lists at least the lines it is about.
 */
export const GROUPED_LINE_CATEGORIES = [
  "amount_mismatch",
  "pos_only",
  "statement_only",
  "duplicate",
  "unsigned",
  "ambiguous",
] as const satisfies readonly LineCategory[];

/** A bank credit line either explains a settle date's net total or nothing. */
export const BANK_LINE_CATEGORIES = ["matched", "credit_unexplained"] as const;
export type BankLineCategory = (typeof BANK_LINE_CATEGORIES)[number];

/**
 * What became of one settle date's net total (per acquirer merchant id). `awaiting_credit`: no
 * credit yet while the credit window is still open (it becomes `credit_missing` once it is over).
 */
export const SETTLEMENT_CATEGORIES = ["credited", "credit_short", "credit_missing", "awaiting_credit"] as const;
export type SettlementCategory = (typeof SETTLEMENT_CATEGORIES)[number];

/** How a POS line and a statement line were paired. */
export const MATCH_RULES = ["rrn", "trace", "window", "manual"] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** A wall-clock time "YYYY-MM-DD HH:MM:SS" in the merchant's zone. */
export type LocalDateTime = string;
/** A calendar date "YYYY-MM-DD". */
export type LocalDate = string;

/** One data row of a POS journal, normalised. `line` is the row number a spreadsheet shows. */
export interface PosRecord {
  line: number;
  txAt: LocalDateTime;
  acquirerMid: string | null;
  /** Terminal id as written in the file, upper-cased and trimmed. */
  tid: string;
  /** Masked card as "622202******0128" (never more than first six and last four), or null. */
  cardMasked: string | null;
  txType: TxType;
  /** Amount in minor units (fen); a refund negative, however the file prints it. */
  amountMinor: number;
  rrn: string | null;
  authCode: string | null;
  traceNo: string | null;
  batchNo: string | null;
  approved: boolean;
  /** Y/N when the file has the column, else null. */
  signed: boolean | null;
  operator: string | null;
  /** For a void, refund or reversal: the original sale's rrn or trace no, when given. */
  origRrn: string | null;
  origTrace: string | null;
}

/** One data row of an acquirer statement, normalised. */
export interface StatementRecord {
  line: number;
  settleDate: LocalDate;
  txAt: LocalDateTime;
  acquirerMid: string | null;
  tid: string;
  cardMasked: string | null;
  txType: TxType;
  amountMinor: number;
  feeMinor: number;
  netMinor: number;
  rrn: string | null;
  traceNo: string | null;
  batchNo: string | null;
}

/** One credit line of the merchant's bank account statement, normalised. */
export interface BankRecord {
  line: number;
  date: LocalDate;
  amountMinor: number;
  memo: string | null;
  counterparty: string | null;
}

export type ImportRecord = PosRecord | StatementRecord | BankRecord;

/** A problem with one cell or row of a file, located as a spreadsheet shows it. */
export interface RowError {
  /** 1-based physical row number in the file (title lines count). */
  line: number;
  /** The header text of the column (as in the file), or null when the problem is the row. */
  column: string | null;
  /** In English; the API words it in the reader's language from `reason` and `params`. */
  message: string;
  /** Stable key of the problem: messages/<locale>/import-errors.json under `ImportErrors`. */
  reason: string;
  params?: Record<string, string | number>;
}

/** The canonical fields a file's columns map to, per import type. */
export const POS_FIELDS = [
  "txAt",
  "date",
  "time",
  "acquirerMid",
  "tid",
  "card",
  "txType",
  "amount",
  "rrn",
  "authCode",
  "traceNo",
  "batchNo",
  "status",
  "signed",
  "operator",
  "origRrn",
  "origTrace",
] as const;
export const STATEMENT_FIELDS = [
  "settleDate",
  "txAt",
  "date",
  "time",
  "acquirerMid",
  "tid",
  "card",
  "txType",
  "amount",
  "fee",
  "net",
  "rrn",
  "traceNo",
  "batchNo",
] as const;
export const BANK_FIELDS = ["date", "amount", "memo", "counterparty"] as const;
export type FieldName = (typeof POS_FIELDS)[number] | (typeof STATEMENT_FIELDS)[number] | (typeof BANK_FIELDS)[number];

export const AMOUNT_UNITS = ["yuan", "fen"] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/**
 * A saved custom format: which header of the file holds each field, how its dates are written
 * (e.g. "yyyyMMdd HHmmss", "yyyy/MM/dd"; absent = the built-in forms), the unit of its amounts and
 * how many rows to skip above the header.
 */
export interface CustomFormat {
  type: ImportType;
  mapping: Partial<Record<FieldName, string>>;
  datePattern: string | null;
  amountUnit: AmountUnit;
  skipRows: number;
}

/** The row error of a line whose terminal is not one of the merchant's (the whole file is refused). */
export function unknownTerminalError(line: number, tid: string, column: string | null): RowError {
  return {
    line,
    column,
    reason: "terminal_unknown",
    params: { terminal: tid },
    message: `Terminal ${tid} is not one of this merchant's terminals.`,
  };
}
