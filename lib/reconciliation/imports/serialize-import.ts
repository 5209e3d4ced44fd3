// An import as the API shows it.
import type { z } from "zod";
import type { ReconImport } from "@/lib/generated/prisma/client";
import type { ImportType, RowError } from "@/lib/reconciliation/types";
import type { importSchema } from "@/lib/schemas/reconciliation-imports";

export type ImportDto = z.infer<typeof importSchema>;

/** Nothing more will happen to the import by itself (a done one may still be withdrawn by a person). */
export function isFinished(status: ImportDto["status"]): boolean {
  return status === "done" || status === "failed" || status === "withdrawn";
}

export function serializeImport(row: ReconImport): ImportDto {
  return {
    id: row.id,
    type: row.type as ImportType,
    fileName: row.fileName,
    byteSize: row.byteSize,
    status: row.status as ImportDto["status"],
    rowsRead: row.rowsRead,
    rowsTotal: row.rowsTotal,
    errors: row.errors ? (JSON.parse(row.errors) as RowError[]) : [],
    report: row.report ? (JSON.parse(row.report) as Record<string, unknown>) : null,
    formatId: row.formatId,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
