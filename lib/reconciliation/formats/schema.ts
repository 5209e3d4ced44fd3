// A saved custom format as the form, the API and the parser see it: which header of the file
// holds each field, the date pattern, the amount unit and the rows above the header. One schema
// for the "Save a format" form and POST /api/reconciliation/formats. Pure; client and server.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { maskPans } from "@/lib/card-data/mask-pan";
import { maskFileText } from "@/lib/card-data/mask-pan-bytes";
import { normaliseHeader } from "@/lib/reconciliation/parse/headers";
import { REQUIRED_FIELDS } from "@/lib/reconciliation/parse/required-fields";
import {
  AMOUNT_UNITS,
  BANK_FIELDS,
  type FieldName,
  IMPORT_TYPES,
  type ImportType,
  POS_FIELDS,
  STATEMENT_FIELDS,
} from "@/lib/reconciliation/types";

export const FORMAT_NAME_MAX = 60;
export const HEADER_TEXT_MAX = 100;
/** Title lines above a header in real exports are a handful; 50 leaves room and bounds the scan. */
export const SKIP_ROWS_MAX = 50;
export const DATE_PATTERN_MAX = 40;

/** The fields a file of each type can map, in the order the form asks for them. */
export const FORMAT_FIELDS = {
  pos_journal: POS_FIELDS,
  statement: STATEMENT_FIELDS,
  bank_credit: BANK_FIELDS,
} as const satisfies Record<ImportType, readonly FieldName[]>;

/** Whether a field must be mapped for this type on its own (not as one of a pair): the parser's rule. */
export function isRequiredField(type: ImportType, field: FieldName): boolean {
  return REQUIRED_FIELDS[type].includes(field);
}

/**
 * A date pattern: yyyy, MM, dd (and optionally HH, mm, ss) with separators between them, e.g.
 * "yyyyMMdd HHmmss", "yyyy/MM/dd", "dd.MM.yyyy HH:mm".
 */
const DATE_PATTERN = /^(?:yyyy|MM|dd|HH|mm|ss|[ \-/:.T年月日时分秒])+$/;

/** Year, month and day each exactly once; hours, minutes and seconds at most once. */
export function isDatePattern(pattern: string): boolean {
  if (!DATE_PATTERN.test(pattern)) return false;
  const count = (token: string) => pattern.split(token).length - 1;
  return (
    ["yyyy", "MM", "dd"].every((token) => count(token) === 1) && ["HH", "mm", "ss"].every((token) => count(token) <= 1)
  );
}

// Masked as the upload's bytes are (first six, last four): a header naming a card number is stored
// as the spooled file writes it, so the format still finds that column in the file.
const headerText = z.string().trim().min(1).max(HEADER_TEXT_MAX).overwrite(maskFileText);

export const saveFormatSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(FORMAT_NAME_MAX).overwrite(maskPans),
    type: z.enum(IMPORT_TYPES),
    mapping: z.record(z.string(), headerText),
    datePattern: z
      .string()
      .trim()
      .max(DATE_PATTERN_MAX)
      .refine((value) => value === "" || isDatePattern(value), { params: { reason: "INVALID_FORMAT" } })
      .transform((value) => (value === "" ? null : value))
      .nullable()
      .optional()
      .transform((value) => value ?? null),
    amountUnit: z.enum(AMOUNT_UNITS).default("yuan"),
    skipRows: z.number().int().min(0).max(SKIP_ROWS_MAX).default(0),
  })
  .superRefine((format, context) => {
    const allowed: readonly string[] = FORMAT_FIELDS[format.type];
    for (const field of Object.keys(format.mapping)) {
      if (!allowed.includes(field)) {
        context.addIssue({ code: "custom", path: ["mapping", field], params: { reason: "UNKNOWN_FIELD" } });
      }
    }
    // One column feeds one field: the same header under two fields is a slip of the mapping.
    const fieldOf = new Map<string, string>();
    for (const [field, header] of Object.entries(format.mapping)) {
      const key = normaliseHeader(header);
      if (fieldOf.has(key)) {
        context.addIssue({ code: "custom", path: ["mapping", field], params: { reason: "HEADER_USED_TWICE" } });
      } else fieldOf.set(key, field);
    }
    // The fields the parser needs a column for (a pair: either will do).
    for (const required of REQUIRED_FIELDS[format.type]) {
      const either = typeof required === "string" ? [required] : required;
      if (!either.some((field) => format.mapping[field])) {
        context.addIssue({ code: "custom", path: ["mapping", either[0]], params: { reason: "REQUIRED" } });
      }
    }
    // A date column without a time of day needs a time column (except on a bank line, a day).
    if (format.type !== "bank_credit" && !format.mapping.txAt && format.mapping.date && !format.mapping.time) {
      context.addIssue({ code: "custom", path: ["mapping", "time"], params: { reason: "REQUIRED" } });
    }
  });

export type SaveFormatInput = z.input<typeof saveFormatSchema>;
export type SaveFormat = z.output<typeof saveFormatSchema>;

/** A saved format as the API answers it. */
export interface ReconFormatDto {
  id: string;
  name: string;
  type: ImportType;
  mapping: Partial<Record<FieldName, string>>;
  datePattern: string | null;
  amountUnit: (typeof AMOUNT_UNITS)[number];
  skipRows: number;
  createdAt: string;
}

/** What POST /api/reconciliation/preview answers: the first rows of the file, as cells. */
export interface FilePreviewDto {
  encoding: string;
  delimiter: string;
  rows: string[][];
  /** rows[i] is spreadsheet row i + 1; the 1-based row that looks like the header, or null. */
  suggestedHeaderLine: number | null;
}

/** Rows the preview shows; the header is looked for among them. */
export const PREVIEW_ROWS = 20;
/** The browser sends at most this much of a CSV for a preview (an XLSX goes whole). */
export const PREVIEW_CSV_BYTES = 256 * 1024;
