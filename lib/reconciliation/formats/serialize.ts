// A ReconFormat row as the API and the page show it.
import "server-only";
import type { ReconFormatDto } from "@/lib/reconciliation/formats/schema";
import type { AmountUnit, FieldName, ImportType } from "@/lib/reconciliation/types";

export interface ReconFormatRow {
  id: string;
  name: string;
  type: string;
  mapping: string;
  datePattern: string | null;
  amountUnit: string;
  skipRows: number;
  createdAt: Date;
}

export const FORMAT_SELECT = {
  id: true,
  name: true,
  type: true,
  mapping: true,
  datePattern: true,
  amountUnit: true,
  skipRows: true,
  createdAt: true,
} as const;

export function serializeFormat(row: ReconFormatRow): ReconFormatDto {
  return {
    id: row.id,
    name: row.name,
    type: row.type as ImportType,
    mapping: JSON.parse(row.mapping) as Partial<Record<FieldName, string>>,
    datePattern: row.datePattern,
    amountUnit: row.amountUnit as AmountUnit,
    skipRows: row.skipRows,
    createdAt: row.createdAt.toISOString(),
  };
}
