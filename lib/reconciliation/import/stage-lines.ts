// Parse phase: streams the spooled file through the parser and bulk-inserts its records as staged
// lines (invisible to every reader), a batch per transaction. Each record's terminal is looked up
// in the merchant's terminals (one query up front); an unknown one is a row error like any other,
// and once the file has an error nothing more is written (it will be refused whole). A row whose
// line an earlier file already brought (the same journal exported again) is left out and counted
// (earlier-lines.ts).
import "server-only";
import type { Readable } from "node:stream";
import { prisma } from "@/lib/db/client";
import { createEarlierLines } from "@/lib/reconciliation/import/earlier-lines";
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
  reconImport: { id: string; merchantId: string; type: string };
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
  const unknown: RowError[] = [];
  let unknownCount = 0;
  let rowsRead = 0;
  let progressAt = Date.now();
  const days = new Set<string>();
  const creditDates = new Set<string>();
  const settleTotals = new Map<string, SettleTotal>();

  /** The days, credit dates and settle totals of the lines written (what the matching will touch). */
  const tally = (row: LineValue[]) => {
    const day = row[COLUMN.day] as string;
    if (type === "bank_credit") {
      creditDates.add(day);
      return;
    }
    days.add(day);
    if (type !== "statement") return;
    const settleDate = row[COLUMN.settleDate] as string;
    const acquirerMid = (row[COLUMN.acquirerMid] as string | null) ?? "";
    const netMinor = row[COLUMN.netMinor] as number;
    creditDates.add(settleDate);
    const key = `${settleDate}|${acquirerMid}`;
    const total = settleTotals.get(key);
    if (total) total.netMinor += netMinor;
    else settleTotals.set(key, { acquirerMid, settleDate, netMinor });
  };
  const earlier = createEarlierLines(store, merchantId, SOURCE_OF[type]);

  const onBatch = async (records: ImportRecord[]) => {
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
          unknown.push(unknownTerminalError(record.line, tid));
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
      const fresh = await earlier.fresh(rows);
      for (const row of fresh) tally(row);
      if (fresh.length > 0) await store.transaction(() => store.insertLines(fresh));
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
    onProgress: (read) => {
      rowsRead = read;
    },
  });
  rowsRead = result.rowsRead;
  const refused = result.errorCount + unknownCount > 0;
  // Read whole, the file's rows are known: the bar ends at them, not at the lines counted on upload
  // (which include the title, the header and the total line). A refused file may have stopped early.
  await prisma.reconImport.update({
    where: { id: importId },
    data: refused ? { rowsRead } : { rowsRead, rowsTotal: rowsRead },
  });
  const errors = [...result.errors, ...unknown].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
  return {
    rowsRead,
    errors,
    errorCount: result.errorCount + unknownCount,
    pansMasked: result.pansMasked,
    alreadyImported: earlier.leftOut,
    days: [...days].sort(),
    creditDates: [...creditDates].sort(),
    settleTotals: [...settleTotals.values()],
  };
}
