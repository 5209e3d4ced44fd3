// The reconciliation import as the API shows it (POST /api/reconciliation/imports and GET
// /api/reconciliation/imports/{id}), for the OpenAPI document and the page's poll.
import { z } from "zod";
import { IMPORT_TYPES } from "@/lib/reconciliation/types";

export const IMPORT_STATUSES = ["queued", "parsing", "matching", "done", "failed", "withdrawing", "withdrawn"] as const;

export const rowErrorSchema = z
  .object({
    line: z.number().int().describe("The row number a spreadsheet shows (title lines count)"),
    column: z.string().nullable().describe("The column's header as written in the file"),
    reason: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    message: z.string(),
  })
  .meta({ id: "ReconciliationRowError" });

export const importSchema = z
  .object({
    id: z.string(),
    type: z.enum(IMPORT_TYPES),
    fileName: z.string(),
    byteSize: z.number().int(),
    status: z.enum(IMPORT_STATUSES),
    rowsRead: z.number().int(),
    rowsTotal: z
      .number()
      .int()
      .nullable()
      .describe("The progress bar's end: the lines of the file while it is read, its rows once read"),
    errors: z.array(rowErrorSchema).describe("Up to 100, when the file was refused"),
    report: z.record(z.string(), z.unknown()).nullable(),
    formatId: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "ReconciliationImport" });
