// The in-request check of a small upload: parses the spooled file exactly as the job will and
// looks every terminal up, writing nothing, so a bad file is refused with its line errors (422)
// before anything is stored. Larger files are checked by the job itself (their request must not
// stay open while a million lines are read), which fails the import with the same errors.
import "server-only";
import fs from "node:fs";
import { prisma } from "@/lib/db/client";
import { parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import {
  type CustomFormat,
  type ImportRecord,
  type ImportType,
  type RowError,
  unknownTerminalError,
} from "@/lib/reconciliation/types";

export interface FileCheck {
  rowsRead: number;
  errors: RowError[];
  errorCount: number;
  pansMasked: number;
}

const MAX_ERRORS = 100;

export async function checkFile({
  path,
  merchantId,
  type,
  format,
  fromWorkbook,
}: {
  path: string;
  merchantId: string;
  type: ImportType;
  format: CustomFormat | null;
  fromWorkbook: boolean;
}): Promise<FileCheck> {
  const known = new Set(
    (await prisma.terminal.findMany({ where: { merchantId }, select: { tid: true } })).map((terminal) => terminal.tid),
  );
  const unknown: { line: number; tid: string }[] = [];
  let unknownCount = 0;
  const onBatch = (records: ImportRecord[]) => {
    for (const record of records) {
      if (!("tid" in record) || known.has(record.tid)) continue;
      unknownCount++;
      if (unknown.length < MAX_ERRORS) {
        unknown.push({ line: record.line, tid: record.tid });
      }
    }
  };
  const result = await parseImportFile(fs.createReadStream(path, { highWaterMark: 1024 * 1024 }), {
    type,
    format,
    onBatch,
    maxErrors: MAX_ERRORS,
    fromWorkbook,
  });
  const terminalErrors = unknown.map(({ line, tid }) => unknownTerminalError(line, tid, result.header.terminalColumn));
  const errors = [...result.errors, ...terminalErrors].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
  return {
    rowsRead: result.rowsRead,
    errors,
    errorCount: result.errorCount + unknownCount,
    pansMasked: result.pansMasked,
  };
}
