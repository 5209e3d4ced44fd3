// One data row → one PosRecord / StatementRecord / BankRecord, or the row's errors. Column indexes
// are resolved once per file; per row this only reads the cells it needs. Every text that leaves
// here has passed the card-number scrub.
import {
  type CardStats,
  countPansInDroppedCell,
  INVALID_CARD,
  normaliseCard,
  scrubText,
} from "@/lib/reconciliation/parse/card-data";
import type { ColumnMap } from "@/lib/reconciliation/parse/headers";
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

export class RecordReader {
  readonly sums: ColumnSums = { amount: 0, fee: 0, net: 0 };
  readonly unit: AmountUnit;
  private readonly pattern: DatePattern | null;
  private readonly patternText: string | null;
  /** Columns no field reads: scanned only to count card numbers. */
  private readonly droppedColumns: number[];
  // Reused for every row (read() empties it): the caller takes the errors before the next row.
  private readonly errors: RowError[] = [];

  constructor(
    private readonly type: ImportType,
    readonly columns: ColumnMap,
    private readonly header: string[],
    format: CustomFormat | null | undefined,
    private readonly stats: CardStats,
  ) {
    this.unit = format?.amountUnit ?? "yuan";
    this.patternText = format?.datePattern || null;
    this.pattern = this.patternText ? compileDatePattern(this.patternText) : null;
    const used = new Set(Object.values(columns));
    this.droppedColumns = header.map((_, index) => index).filter((index) => !used.has(index));
  }

  /** The record of a data row, or null with its errors in `takeErrors()`. */
  read(row: string[], line: number): ImportRecord | null {
    this.errors.length = 0;
    for (const column of this.droppedColumns) {
      const cell = row[column];
      if (cell !== undefined && cell.length >= 13) countPansInDroppedCell(cell, this.stats);
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
    const tid = this.requiredText(row, line, "tid");
    const cardMasked = this.card(row, line);
    const txType = this.txType(row, line);
    const amountMinor = this.amount(row, line, "amount");
    const approved = this.status(row, line);
    const signed = this.signed(row, line);
    if (this.errors.length > 0) return null;
    return {
      line,
      txAt: txAt as string,
      acquirerMid: this.text(row, "acquirerMid"),
      tid: (tid as string).toUpperCase(),
      cardMasked,
      txType: txType as TxType,
      amountMinor,
      rrn: this.text(row, "rrn"),
      authCode: this.text(row, "authCode"),
      traceNo: this.text(row, "traceNo"),
      batchNo: this.text(row, "batchNo"),
      approved: approved as boolean,
      signed,
      operator: this.text(row, "operator"),
      origRrn: this.text(row, "origRrn"),
      origTrace: this.text(row, "origTrace"),
    };
  }

  private statement(row: string[], line: number): StatementRecord | null {
    const settleDate = this.date(row, line, "settleDate");
    const txAt = this.txAt(row, line);
    const tid = this.requiredText(row, line, "tid");
    const cardMasked = this.card(row, line);
    const txType = this.txType(row, line);
    const amountMinor = this.amount(row, line, "amount");
    const feeMinor = this.amount(row, line, "fee");
    const netMinor = this.amount(row, line, "net");
    if (this.errors.length > 0) return null;
    return {
      line,
      settleDate: settleDate as string,
      txAt: txAt as string,
      acquirerMid: this.text(row, "acquirerMid"),
      tid: (tid as string).toUpperCase(),
      cardMasked,
      txType: txType as TxType,
      amountMinor,
      feeMinor,
      netMinor,
      rrn: this.text(row, "rrn"),
      traceNo: this.text(row, "traceNo"),
      batchNo: this.text(row, "batchNo"),
    };
  }

  /** A bank row with an empty (or zero) credit is a debit line of the account: skipped, no error. */
  private bank(row: string[], line: number): BankRecord | null {
    const amountCell = this.cell(row, "amount");
    if (isBlank(amountCell) || cleanText(amountCell) === "-") return null;
    const amountMinor = this.amount(row, line, "amount");
    const date = this.date(row, line, "date");
    if (this.errors.length > 0 || amountMinor <= 0) return null;
    return {
      line,
      date: date as string,
      amountMinor,
      memo: this.text(row, "memo"),
      counterparty: this.text(row, "counterparty"),
    };
  }

  // ---- cells ------------------------------------------------------------------------------

  private cell(row: string[], field: FieldName): string | undefined {
    const column = this.columns[field];
    return column === undefined ? undefined : row[column];
  }

  private fail(line: number, field: FieldName, reason: ImportErrorReason, params?: Record<string, string | number>) {
    const column = this.columns[field];
    this.errors.push(rowError(line, column === undefined ? null : (this.header[column] ?? null), reason, params));
  }

  /** Optional free text: trimmed, null when empty, card numbers masked. */
  private text(row: string[], field: FieldName): string | null {
    const cell = this.cell(row, field);
    if (cell === undefined) return null;
    const text = cleanText(cell);
    return text === "" ? null : scrubText(text, this.stats);
  }

  private requiredText(row: string[], line: number, field: FieldName): string | null {
    const text = this.text(row, field);
    if (text === null) this.fail(line, field, "value_required");
    return text;
  }

  private amount(row: string[], line: number, field: "amount" | "fee" | "net"): number {
    const cell = this.cell(row, field);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, field, "value_required");
      return 0;
    }
    const minor = parseAmountMinor(cleanText(cell), this.unit);
    if (Number.isNaN(minor)) {
      this.fail(line, field, this.unit === "fen" ? "amount_fen_invalid" : "amount_invalid", { value: quoted(cell) });
      return 0;
    }
    this.sums[field] += minor;
    return minor;
  }

  /** A date field ("YYYY-MM-DD"); a date-time cell gives its day. */
  private date(row: string[], line: number, field: "date" | "settleDate"): string | null {
    const cell = this.cell(row, field);
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, field, "value_required");
      return null;
    }
    const value = this.dateTime(cell);
    if (value === null) {
      this.failDate(line, field, cell, "date_invalid");
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

  private failDate(line: number, field: FieldName, cell: string, reason: "date_invalid" | "datetime_invalid") {
    if (this.patternText)
      this.fail(line, field, "datetime_pattern_invalid", { pattern: this.patternText, value: quoted(cell) });
    else this.fail(line, field, reason, { value: quoted(cell) });
  }

  /**
   * The transaction's wall-clock time from a date-time column, or a date column and a time column
   * (a column called 交易时间 beside 交易日期 often holds only the time), in any combination.
   */
  private txAt(row: string[], line: number): string | null {
    let day: string | null = null;
    let clock: string | null = null;
    const dateTimeCell = this.cell(row, "txAt");
    const dateCell = this.cell(row, "date");
    const timeCell = this.cell(row, "time");
    const failures = this.errors.length;
    if (dateTimeCell !== undefined && !isBlank(dateTimeCell)) {
      const value = this.dateTime(dateTimeCell);
      if (value !== null) {
        day = value.slice(0, 10);
        if (value.length === 19) clock = value.slice(11);
      } else {
        clock = this.columns.date !== undefined ? parseTimeOfDay(dateTimeCell) : null;
        if (clock === null) this.failDate(line, "txAt", dateTimeCell, "datetime_invalid");
      }
    }
    if (timeCell !== undefined && !isBlank(timeCell)) {
      const value = parseTimeOfDay(timeCell);
      if (value === null) this.fail(line, "time", "time_invalid", { value: quoted(timeCell) });
      else clock = value;
    }
    if (day === null && dateCell !== undefined && !isBlank(dateCell)) {
      const value = this.dateTime(dateCell);
      if (value === null) this.failDate(line, "date", dateCell, "date_invalid");
      else {
        day = value.slice(0, 10);
        if (clock === null && value.length === 19) clock = value.slice(11);
      }
    }
    if (this.errors.length > failures) return null;
    if (day === null) {
      this.fail(line, this.columns.txAt !== undefined ? "txAt" : "date", "value_required");
      return null;
    }
    if (clock === null) {
      this.fail(
        line,
        this.columns.time !== undefined ? "time" : this.columns.txAt !== undefined ? "txAt" : "date",
        "time_missing",
      );
      return null;
    }
    return `${day} ${clock}`;
  }

  private card(row: string[], line: number): string | null {
    const cell = this.cell(row, "card");
    if (cell === undefined) return null;
    const text = cleanText(cell);
    if (text === "") return null;
    const card = normaliseCard(text, this.stats);
    if (card === INVALID_CARD) {
      this.fail(line, "card", "card_invalid", { value: quoted(text) });
      return null;
    }
    return card;
  }

  private txType(row: string[], line: number): TxType | null {
    const cell = this.cell(row, "txType");
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, "txType", "value_required");
      return null;
    }
    const type = parseTxType(cell);
    if (type === null) this.fail(line, "txType", "tx_type_unknown", { value: quoted(cell) });
    return type;
  }

  private status(row: string[], line: number): boolean | null {
    const cell = this.cell(row, "status");
    if (cell === undefined || isBlank(cell)) {
      this.fail(line, "status", "value_required");
      return null;
    }
    const approved = parseStatus(cell);
    if (approved === null) this.fail(line, "status", "status_unknown", { value: quoted(cell) });
    return approved;
  }

  private signed(row: string[], line: number): boolean | null {
    const cell = this.cell(row, "signed");
    if (cell === undefined || isBlank(cell)) return null;
    const signed = parseSigned(cell);
    if (signed === null) this.fail(line, "signed", "signed_invalid", { value: quoted(cell) });
    return signed;
  }
}
