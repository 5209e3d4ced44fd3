// The fields a file of each type must have a column for: the parser refuses a file without them
// (headers.ts, "column missing") and the format form refuses a format that maps none of them
// (lib/reconciliation/formats/schema.ts). A pair means either will do: a date-and-time column, or a
// date column (beside a time column). Pure; client and server.
import type { FieldName, ImportType } from "@/lib/reconciliation/types";

export const REQUIRED_FIELDS: Readonly<Record<ImportType, readonly (FieldName | readonly [FieldName, FieldName])[]>> = {
  pos_journal: [["txAt", "date"], "tid", "txType", "amount", "status"],
  statement: ["settleDate", ["txAt", "date"], "tid", "txType", "amount", "fee", "net"],
  bank_credit: ["date", "amount"],
};
