// One data row → one PosRecord / StatementRecord / BankRecord, or the row's errors. Column indexes
// are resolved once per file; per row this only reads the cells it needs. Every text that leaves
// here has passed the card-number scrub.
import { hasCardIssuerPrefix } from "@/lib/card-data/mask-pan";
import {
  type CardStats,
  countPansInDroppedCell,
  INVALID_CARD,
  normaliseCard,
  scrubText,
} from "@/lib/reconciliation/parse/card-data";
import { type ColumnMap, statedAmountUnit } from "@/lib/reconciliation/parse/headers";
import { REQUIRED_FIELDS } from "@/lib/reconciliation/parse/required-fields";
import { type ImportErrorReason, quoted, rowError } from "@/lib/reconciliation/parse/row-errors";
import {
  cleanText,
  compileDatePattern,
  type DatePattern,
  isBlank,
  parseAmountMinor,
  parseBuiltinDateTime,
  parseSigned,
  parseStatus,
  parseTimeOfDay,
  parseTxType,
  parseWithPattern,
} from "@/lib/reconciliation/parse/values";
import type {
  AmountUnit,
  BankRecord,
  CustomFormat,
  FieldName,
  ImportRecord,
  ImportType,
  PosRecord,
  RowError,
  StatementRecord,
  TxType,
} from "@/lib/reconciliation/types";

/** Sums of the amount columns over every data row, for the total line. */
export interface ColumnSums {
  amount: number;
  fee: number;
  net: number;
}

/** One way of adding up the data rows: the amount, fee and net columns, and the rows counted. */
export interface Tally {
  amount: number;
  fee: number;
  net: number;
  count: number;
}

/**
 * The ways an export adds up its total line, each a convention some POS or portal uses: every row
 * as printed; only the approved transactions; refunds, voids and reversals taken off (a net
 * total); approved and net; and, in a bank file, only its credits. Which figures of a total line
 * must add up under the same one: total-line.ts, checkTotalLine.
 */
export type TotalConvention = "printed" | "approved" | "net" | "approvedNet" | "credits";

const CONVENTIONS_OF: Record<ImportType, readonly TotalConvention[]> = {
  pos_journal: ["printed", "approved", "net", "approvedNet"],
  // a statement lists settled transactions only: approved adds up as printed
  statement: ["printed", "net"],
  bank_credit: ["printed", "credits"],
};

const noTally = (): Tally => ({ amount: 0, fee: 0, net: 0, count: 0 });

/** Every field's column index, -1 when the file has none: one fixed shape, read by literal names. */
type ColumnIndex = Record<FieldName, number>;

function columnIndex(columns: ColumnMap): ColumnIndex {
  const at = (field: FieldName) => columns[field] ?? -1;
  return {
    txAt: at("txAt"),
    date: at("date"),
    time: at("time"),
    settleDate: at("settleDate"),
    acquirerMid: at("acquirerMid"),
    tid: at("tid"),
    card: at("card"),
    txType: at("txType"),
    amount: at("amount"),
    fee: at("fee"),
    net: at("net"),
    rrn: at("rrn"),
    authCode: at("authCode"),
    traceNo: at("traceNo"),
    batchNo: at("batchNo"),
    status: at("status"),
    signed: at("signed"),
    operator: at("operator"),
    origRrn: at("origRrn"),
    origTrace: at("origTrace"),
    memo: at("memo"),
    counterparty: at("counterparty"),
  };
}

/**
 * The longest cell a field takes. A bank's memo or a counterparty's name runs to a few dozen
 * characters; a cell of thousands is a broken export (a quote that swallowed many lines) or junk,
 * and would be stored, listed and exported whole on every line.
 */
export const MAX_CELL_CHARS = 1000;

export class RecordReader {
  private readonly sums: ColumnSums = { amount: 0, fee: 0, net: 0 };
  private readonly tallies = { approved: noTally(), net: noTally(), approvedNet: noTally(), credits: noTally() };
  private readonly at: ColumnIndex;
  readonly unit: AmountUnit;
  private readonly pattern: DatePattern | null;
  private readonly patternText: string | null;
  /** Columns no field reads: scanned only to count card numbers. */
  private readonly droppedColumns: number[];
  /** The line being read (for the errors of its text cells). */
  private line = 0;
  /** This row's errors; a new array only after a row had some (most rows have none). */
  private errors: RowError[] = [];

  constructor(
    private readonly type: ImportType,
    readonly columns: ColumnMap,
    private readonly header: string[],
    format: CustomFormat | null | undefined,
    private readonly stats: CardStats,
    /** A row with cells filled past the header's last column is refused (false: a workbook's sheet). */
    private readonly refuseCellsPastHeader = true,
  ) {
    this.at = columnIndex(columns);
    // A saved format says its unit; else the header may (交易金额(分)); else amounts are in yuan.
    const stated = statedAmountUnit(header, columns);
    this.unit = format?.amountUnit ?? (stated === "fen" ? "fen" : "yuan");
    this.patternText = format?.datePattern || null;
    this.pattern = this.patternText ? compileDatePattern(this.patternText) : null;
    const used = new Set(Object.values(columns));
    this.droppedColumns = header.map((_, index) => index).filter((index) => !used.has(index));
  }

  /**
   * Whether a row below the total line is data, not a footer (制表人, 打印时间, a note): every
   * required field's cell filled and its amount an amount. Such a row means subtotals or a second
   * section, which one total line cannot vouch for. Reads without side effects.
   */
  looksLikeData(row: string[]): boolean {
    const filled = (field: FieldName) => {
      const column = this.columns[field];
      return column !== undefined && !isBlank(row[column]);
    };
    for (const need of REQUIRED_FIELDS[this.type]) {
      if (typeof need === "string" ? !filled(need) : !need.some(filled)) return false;
    }
    const amount = this.cell(row, this.at.amount);
    return amount !== undefined && !Number.isNaN(parseAmountMinor(cleanText(amount), this.unit));
  }

  /**
   * Whether a row whose cell at `column` reads "Total" and a word (Total Credits, Total Energies
   * Ltd) is data. Not when that cell is where the row's date, terminal or amount goes: "Total
   * Credits" under 交易日期 is a bank file's total line. Elsewhere (under 对方户名) it is a name,
   * and the row is data if it looks like data.
   */
  isDataWithTotalWordAt(row: string[], column: number): boolean {
    const { txAt, date, time, settleDate, tid, amount } = this.at;
    if ([txAt, date, time, settleDate, tid, amount].includes(column)) return false;
    return this.looksLikeData(row);
  }

  /** The record of a data row, or null with its errors in `takeErrors()`. */
  read(row: string[], line: number): ImportRecord | null {
    if (this.errors.length > 0) this.errors = [];
    for (const column of this.droppedColumns) {
      const cell = row[column];
      if (cell !== undefined && cell.length >= 13) countPansInDroppedCell(cell, this.stats);
    }
    this.line = line;
    if (this.refuseCellsPastHeader) {
      // Unquoted, a comma in a value (an amount written 1,280.50) splits it in two, and every cell
      // after it moves one column right: the amount would be read as 1.00. Such a row has a cell
      // past the header's last column; refuse it rather than guess. Empty trailing cells (a
      // trailing comma) are fine. A workbook's cells cannot be split, so its notes past the
      // header are left alone.
      const width = filledWidth(row);
      if (width > this.header.length) {
        this.errors.push(rowError(line, null, "cells_past_header", { cells: width, columns: this.header.length }));
        return null;
      }
    }
    switch (this.type) {
      case "pos_journal":
        return this.pos(row, line);
      case "statement":
        return this.statement(row, line);
      case "bank_credit":
        return this.bank(row, line);
      default:
        return this.type satisfies never;
    }
  }

  takeErrors(): RowError[] {
    return this.errors;
  }

  private pos(row: string[], line: number): PosRecord | null {
    const txAt = this.txAt(row, line);
    const tid = this.requiredText(row, line, this.at.tid);
    const cardMasked = this.card(row, line);
    const txType = this.txType(row, line);
    const amountMinor = this.amount(row, line, this.at.amount, "amount");
    const approved = this.status(row, line);
    const signed = this.signed(row, line);
    if (this.errors.length > 0) return null;
    this.tally(txType as TxType, approved as boolean, amountMinor);
    const record: PosRecord = {
      line,
      txAt: txAt as string,
      acquirerMid: this.identifier(row, this.at.acquirerMid),
      tid: (tid as string).toUpperCase(),
      cardMasked,
      txType: txType as TxType,
      amountMinor: signedAs(txType as TxType, amountMinor),
      rrn: this.text(row, this.at.rrn),
      authCode: this.text(row, this.at.authCode),
      traceNo: this.text(row, this.at.traceNo),
      batchNo: this.text(row, this.at.batchNo),
      approved: approved as boolean,
      signed,
      operator: this.text(row, this.at.operator),
      origRrn: this.text(row, this.at.origRrn),
      origTrace: this.text(row, this.at.origTrace),
    };
    return this.errors.length > 0 ? null : record;
  }

  private statement(row: string[], line: number): StatementRecord | null {
    const settleDate = this.date(row, line, this.at.settleDate);
    const txAt = this.txAt(row, line);
    const tid = this.requiredText(row, line, this.at.tid);
    const cardMasked = this.card(row, line);
    const txType = this.txType(row, line);
    const amountMinor = this.amount(row, line, this.at.amount, "amount");
    const feeMinor = this.amount(row, line, this.at.fee, "fee");
    const netMinor = this.amount(row, line, this.at.net, "net");
    if (this.errors.length > 0) return null;
    // a statement lists settled transactions: every one approved
    this.tally(txType as TxType, true, amountMinor, feeMinor, netMinor);
    const record: StatementRecord = {
      line,
      settleDate: settleDate as string,
      txAt: txAt as string,
      acquirerMid: this.identifier(row, this.at.acquirerMid),
      tid: (tid as string).toUpperCase(),
      cardMasked,
      txType: txType as TxType,
      amountMinor: signedAs(txType as TxType, amountMinor),
      feeMinor,
      netMinor: signedAs(txType as TxType, netMinor),
      rrn: this.text(row, this.at.rrn),
      traceNo: this.text(row, this.at.traceNo),
      batchNo: this.text(row, this.at.batchNo),
    };
    return this.errors.length > 0 ? null : record;
  }

  /** A bank row with an empty (or zero) credit is a debit line of the account: skipped, no error. */
  private bank(row: string[], line: number): BankRecord | null {
    const amountCell = this.at.amount < 0 ? undefined : row[this.at.amount];
    if (isBlank(amountCell) || cleanText(amountCell) === "-") return null;
    const amountMinor = this.amount(row, line, this.at.amount, "amount");
    const date = this.date(row, line, this.at.date);
    if (this.errors.length > 0 || amountMinor <= 0) return null;
    this.tallies.credits.amount += amountMinor;
    this.tallies.credits.count++;
    const record: BankRecord = {
      line,
      date: date as string,
      amountMinor,
      memo: this.text(row, this.at.memo),
      counterparty: this.text(row, this.at.counterparty),
    };
    return this.errors.length > 0 ? null : record;
  }

  /** A row's figures as printed, into the other conventions' tallies (see TotalConvention). */
  private tally(txType: TxType, approved: boolean, amount: number, fee = 0, net = 0) {
    // net of refunds: a sale adds, a refund, void or reversal takes off, whatever sign it is printed with
    const sign = txType === "sale" ? 1 : -1;
    const add = (tally: Tally, signed: boolean) => {
      tally.amount += signed ? sign * Math.abs(amount) : amount;
      tally.fee += signed ? sign * Math.abs(fee) : fee;
      tally.net += signed ? sign * Math.abs(net) : net;
      tally.count++;
    };
    add(this.tallies.net, true);
    if (!approved) return;
    add(this.tallies.approved, false);
    add(this.tallies.approvedNet, true);
  }

  /**
   * The data rows added up under each convention this kind of file may use, `rowsRead` being
   * every data row the parse has read (those with errors too: a file with any is refused anyway).
   */
  totals(rowsRead: number): Partial<Record<TotalConvention, Tally>> {
    const all: Record<TotalConvention, Tally> = { printed: { ...this.sums, count: rowsRead }, ...this.tallies };
    return Object.fromEntries(CONVENTIONS_OF[this.type].map((convention) => [convention, { ...all[convention] }]));
  }

  // ---- cells ------------------------------------------------------------------------------

  private cell(row: string[], column: number): string | undefined {
    return column < 0 ? undefined : row[column];
  }

  private fail(line: number, column: number, reason: ImportErrorReason, params?: Record<string, string | number>) {
    this.errors.push(rowError(line, column < 0 ? null : (this.header[column] ?? null), reason, params));
  }

  /**
   * Optional free text: trimmed, null when empty, card numbers masked; a line error when it is
   * longer than any such field is, or holds U+FFFD — what bytes the file's encoding cannot read
   * decode to (a GBK line pasted into a UTF-8 file), which stored would read as "?" for good.
   */
  private text(row: string[], column: number): string | null {
    if (column < 0) return null;
    const cell = row[column];
    if (cell === undefined) return null;
    if (cell.length > MAX_CELL_CHARS) {
      this.fail(this.line, column, "value_too_long", { max: MAX_CELL_CHARS });
      return null;
    }
    if (cell.includes("\ufffd")) {
      this.fail(this.line, column, "text_undecodable");
      return null;
    }
    const text = cleanText(cell);
    return text === "" ? null : scrubText(text, this.stats);
  }

  /**
   * An identifier column (the acquirer's merchant id): a bare number that no card scheme issues
   * (a UnionPay merchant id starts 898…) is kept whole even when it passes Luhn; anything else is
   * scrubbed like text, so a card number typed into it is still masked.
   */
  private identifier(row: string[], column: number): string | null {
    const raw = column < 0 ? undefined : row[column];
    if (raw === undefined) return null;
    const text = cleanText(raw);
    if (text !== "" && /^[0-9]+$/.test(text) && !hasCardIssuerPrefix(text)) return text;
    return this.text(row, column);
  }

  private requiredText(row: string[], line: number, column: number): string | null {
    const errors = this.errors.length;
    const text = this.text(row, column);
    // One error per cell: one too long or undecodable is not also missing.
    if (text === null && this.errors.length === errors) this.fail(line, column, "value_required");
    return text;
  }

  private amount(row: string[], line: number, column: number, sum: keyof ColumnSums): number {
    const cell = this.cell(row, column);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, column, "value_required");
      return 0;
    }
    const minor = parseAmountMinor(cleanText(cell), this.unit);
    if (Number.isNaN(minor)) {
      this.fail(line, column, this.unit === "fen" ? "amount_fen_invalid" : "amount_invalid", { value: quoted(cell) });
      return 0;
    }
    this.sums[sum] += minor;
    return minor;
  }

  /** A date field ("YYYY-MM-DD"); a date-time cell gives its day. */
  private date(row: string[], line: number, column: number): string | null {
    const cell = this.cell(row, column);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, column, "value_required");
      return null;
    }
    const value = this.dateTime(cell);
    if (value === null) {
      this.failDate(line, column, cell, "date_invalid");
      return null;
    }
    return value.slice(0, 10);
  }

  private dateTime(cell: string): string | null {
    if (this.pattern) {
      const value = parseWithPattern(cell, this.pattern);
      if (value !== null) return value;
    }
    return parseBuiltinDateTime(cell);
  }

  private failDate(line: number, column: number, cell: string, reason: "date_invalid" | "datetime_invalid") {
    if (this.patternText)
      this.fail(line, column, "datetime_pattern_invalid", { pattern: this.patternText, value: quoted(cell) });
    else this.fail(line, column, reason, { value: quoted(cell) });
  }

  /**
   * The transaction's wall-clock time from a date-time column, or a date column and a time column
   * (a column called 交易时间 beside 交易日期 often holds only the time), in any combination.
   */
  private txAt(row: string[], line: number): string | null {
    let day: string | null = null;
    let clock: string | null = null;
    const dateTimeCell = this.cell(row, this.at.txAt);
    const dateCell = this.cell(row, this.at.date);
    const timeCell = this.cell(row, this.at.time);
    const failures = this.errors.length;
    if (dateTimeCell !== undefined && !isBlank(dateTimeCell)) {
      const value = this.dateTime(dateTimeCell);
      if (value !== null) {
        day = value.slice(0, 10);
        if (value.length === 19) clock = value.slice(11);
      } else {
        clock = this.at.date >= 0 ? parseTimeOfDay(dateTimeCell) : null;
        if (clock === null) this.failDate(line, this.at.txAt, dateTimeCell, "datetime_invalid");
      }
    }
    if (timeCell !== undefined && !isBlank(timeCell)) {
      const value = parseTimeOfDay(timeCell);
      if (value === null) this.fail(line, this.at.time, "time_invalid", { value: quoted(timeCell) });
      else clock = value;
    }
    if (day === null && dateCell !== undefined && !isBlank(dateCell)) {
      const value = this.dateTime(dateCell);
      if (value === null) this.failDate(line, this.at.date, dateCell, "date_invalid");
      else {
        day = value.slice(0, 10);
        if (clock === null && value.length === 19) clock = value.slice(11);
      }
    }
    if (this.errors.length > failures) return null;
    if (day === null) {
      this.fail(line, this.at.txAt >= 0 ? this.at.txAt : this.at.date, "value_required");
      return null;
    }
    if (clock === null) {
      const { time, txAt, date } = this.at;
      this.fail(line, time >= 0 ? time : txAt >= 0 ? txAt : date, "time_missing");
      return null;
    }
    return `${day} ${clock}`;
  }

  private card(row: string[], line: number): string | null {
    const cell = this.cell(row, this.at.card);
    if (cell === undefined) return null;
    const text = cleanText(cell);
    if (text === "") return null;
    const card = normaliseCard(text, this.stats);
    if (card === INVALID_CARD) {
      this.fail(line, this.at.card, "card_invalid", { value: quoted(text) });
      return null;
    }
    return card;
  }

  private txType(row: string[], line: number): TxType | null {
    const cell = this.cell(row, this.at.txType);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, this.at.txType, "value_required");
      return null;
    }
    const type = parseTxType(cell);
    if (type === null) this.fail(line, this.at.txType, "tx_type_unknown", { value: quoted(cell) });
    return type;
  }

  private status(row: string[], line: number): boolean | null {
    const cell = this.cell(row, this.at.status);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, this.at.status, "value_required");
      return null;
    }
    const approved = parseStatus(cell);
    if (approved === null) this.fail(line, this.at.status, "status_unknown", { value: quoted(cell) });
    return approved;
  }

  private signed(row: string[], line: number): boolean | null {
    const cell = this.cell(row, this.at.signed);
    if (cell === undefined || isBlank(cell)) return null;
    const signed = parseSigned(cell);
    if (signed === null) this.fail(line, this.at.signed, "signed_invalid", { value: quoted(cell) });
    return signed;
  }
}

/**
 * A refund is money going back: stored negative however the file prints it (exports differ), so
 * sums over lines (the summary, a settle date's net total) agree with the exceptions' amounts.
 * The total line is checked against the amounts as printed, before this.
 */
function signedAs(txType: TxType, amountMinor: number): number {
  return txType === "refund" ? -Math.abs(amountMinor) : amountMinor;
}

/** The number of cells up to the last one that is not blank. */
function filledWidth(row: string[]): number {
  let width = row.length;
  while (width > 0 && isBlank(row[width - 1])) width--;
  return width;
}
