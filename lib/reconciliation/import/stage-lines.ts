// Parse phase: streams the spooled file through the parser and bulk-inserts its records as staged
// lines (invisible to every reader), a batch per transaction. Each record's terminal is looked up
// in the merchant's terminals (one query up front); an unknown one is a row error like any other,
// and once the file has an error nothing more is written (it will be refused whole). Once the
// whole file is staged, the twins of earlier lines are deleted and counted for each day the file
// covers whole (the same journal exported again: earlier-lines.ts), their tallies taken back.
import "server-only";
import type { Readable } from "node:stream";
import { prisma } from "@/lib/db/client";
import { createEarlierLines, type LineTally } from "@/lib/reconciliation/import/earlier-lines";
import {
  bankLineValues,
  LINE_COLUMNS,
  type LineValue,
  posLineValues,
  SOURCE_OF,
  statementLineValues,
  type TerminalPlace,
} from "@/lib/reconciliation/import/line-columns";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import { parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import {
  type BankRecord,
  type CustomFormat,
  type ImportRecord,
  type ImportType,
  type PosRecord,
  type RowError,
  type StatementRecord,
  unknownTerminalError,
} from "@/lib/reconciliation/types";

const MAX_ERRORS = 100;
const COLUMN = {
  day: LINE_COLUMNS.indexOf("day"),
  settleDate: LINE_COLUMNS.indexOf("settleDate"),
  acquirerMid: LINE_COLUMNS.indexOf("acquirerMid"),
  netMinor: LINE_COLUMNS.indexOf("netMinor"),
};
const BATCH_SIZE = 5000;
/** The import's progress (rowsRead) is written at most this often. */
const PROGRESS_INTERVAL_MS = 500;

export interface StagedFile {
  rowsRead: number;
  /** At most MAX_ERRORS, by line. */
  errors: RowError[];
  errorCount: number;
  pansMasked: number;
  /** Rows left out because an earlier file brought the same line (earlier-lines.ts). */
  alreadyImported: number;
  /** The days of those rows. */
  alreadyImportedDays: string[];
  /** Rows read that are no line: a bank statement's debits (money out of the account). */
  skippedRows: number;
  /** The days of the lines written (POS and statement: the transaction's; bank: the credit's). */
  days: string[];
  /** The settle dates (statement) or credit days (bank) whose statement ↔ bank matching they touch. */
  creditDates: string[];
  /** Statement: the net total of the lines written, per settle date and acquirer merchant id. */
  settleTotals: SettleTotal[];
}

export interface SettleTotal {
  acquirerMid: string;
  settleDate: string;
  netMinor: number;
}

export async function stageLines({
  store,
  source,
  reconImport,
  format,
  heartbeat,
}: {
  store: LineStore;
  source: Readable;
  reconImport: { id: string; merchantId: string; type: string; report: string | null };
  format: CustomFormat | null;
  heartbeat: () => Promise<void>;
}): Promise<StagedFile> {
  const { id: importId, merchantId } = reconImport;
  const type = reconImport.type as ImportType;
  const terminals = new Map<string, TerminalPlace>(
    (await prisma.terminal.findMany({ where: { merchantId }, select: { id: true, tid: true, storeId: true } })).map(
      (terminal) => [terminal.tid, { terminalId: terminal.id, storeId: terminal.storeId }],
    ),
  );
  const context = { merchantId, importId };
  const unknown: { line: number; tid: string }[] = [];
  let unknownCount = 0;
  let rowsRead = 0;
  let progressAt = Date.now();
  // Lines written per day, and per settle date and acquirer merchant id (statement) with their net
  // total: what the matching will touch, kept as counts so a line left out afterwards is taken back.
  const dayLines = new Map<string, number>();
  const settleTotals = new Map<string, SettleTotal & { lines: number }>();
  const tally = ({ day, settleDate, acquirerMid, netMinor }: LineTally, sign: 1 | -1) => {
    const lines = (dayLines.get(day) ?? 0) + sign;
    if (lines > 0) dayLines.set(day, lines);
    else dayLines.delete(day);
    if (type !== "statement" || settleDate === null) return;
    const mid = acquirerMid ?? "";
    const key = `${settleDate}|${mid}`;
    const total = settleTotals.get(key) ?? { acquirerMid: mid, settleDate, netMinor: 0, lines: 0 };
    total.netMinor += sign * (netMinor ?? 0);
    total.lines += sign;
    if (total.lines > 0) settleTotals.set(key, total);
    else settleTotals.delete(key);
  };
  const talliedOf = (row: LineValue[]): LineTally => ({
    day: row[COLUMN.day] as string,
    settleDate: row[COLUMN.settleDate] as string | null,
    acquirerMid: row[COLUMN.acquirerMid] as string | null,
    netMinor: row[COLUMN.netMinor] as number | null,
  });
  const earlier = createEarlierLines(store, { merchantId, importId, source: SOURCE_OF[type] });

  let recordsRead = 0;
  const onBatch = async (records: ImportRecord[]) => {
    recordsRead += records.length;
    const rows: LineValue[][] = [];
    for (const record of records) {
      if (type === "bank_credit") {
        rows.push(bankLineValues(record as BankRecord, context));
        continue;
      }
      const tid = (record as PosRecord | StatementRecord).tid;
      const place = terminals.get(tid);
      if (!place) {
        unknownCount++;
        if (unknown.length < MAX_ERRORS) {
          unknown.push({ line: record.line, tid });
        }
        continue;
      }
      rows.push(
        type === "pos_journal"
          ? posLineValues(record as PosRecord, place, context)
          : statementLineValues(record as StatementRecord, place, context),
      );
    }
    // Once a terminal is unknown the file will be refused whole: writing more would only be deleted.
    if (unknownCount === 0 && rows.length > 0) {
      for (const row of rows) tally(talliedOf(row), 1);
      await earlier.note(rows);
      await store.transaction(() => store.insertLines(rows));
    }
    if (Date.now() - progressAt >= PROGRESS_INTERVAL_MS) {
      progressAt = Date.now();
      await prisma.reconImport.update({ where: { id: importId }, data: { rowsRead } });
      await heartbeat();
    }
  };

  const result = await parseImportFile(source, {
    type,
    format,
    batchSize: BATCH_SIZE,
    maxErrors: MAX_ERRORS,
    onBatch,
    // set on upload (queue-import.ts): the spool is a workbook's sheet
    fromWorkbook: reconImport.report !== null && JSON.parse(reconImport.report).fromWorkbook === true,
    onProgress: (read) => {
      rowsRead = read;
    },
  });
  rowsRead = result.rowsRead;
  const refused = result.errorCount + unknownCount > 0;
  // Read whole, the file's rows are known: the bar ends at them, not at the lines counted on upload
  // (which include the title, the header and the total line). A refused file may have stopped
  // early: failImport clears its total.
  await prisma.reconImport.update({
    where: { id: importId },
    data: refused ? { rowsRead } : { rowsRead, rowsTotal: rowsRead },
  });
  const terminalErrors = unknown.map(({ line, tid }) => unknownTerminalError(line, tid, result.header.terminalColumn));
  const errors = [...result.errors, ...terminalErrors].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
  const leftOut = refused ? { lines: 0, days: [] } : await earlier.leaveOut((line) => tally(line, -1));
  const days = [...dayLines.keys()].sort();
  return {
    rowsRead,
    errors,
    errorCount: result.errorCount + unknownCount,
    pansMasked: result.pansMasked,
    alreadyImported: leftOut.lines,
    alreadyImportedDays: leftOut.days,
    skippedRows: refused ? 0 : rowsRead - recordsRead,
    days: type === "bank_credit" ? [] : days,
    creditDates:
      type === "bank_credit" ? days : [...new Set([...settleTotals.values()].map((total) => total.settleDate))].sort(),
    settleTotals: [...settleTotals.values()].map(({ lines: _lines, ...total }) => total),
  };
}
