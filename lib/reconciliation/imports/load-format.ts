// A saved format of the merchant, as the parser takes it; 400 naming `format` when the id is not
// one of the merchant's formats for this type of file.
import "server-only";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AmountUnit, CustomFormat, ImportType } from "@/lib/reconciliation/types";

export async function loadFormat(merchantId: string, formatId: string, type: ImportType): Promise<CustomFormat> {
  const row = await prisma.reconFormat.findFirst({ where: { id: formatId, merchantId } });
  if (!row) {
    const message = { reason: "FORMAT_NOT_FOUND" } as const;
    throw new AppError("BAD_REQUEST", message, { format: message });
  }
  if (row.type !== type) {
    // The format exists: say it is for another kind of file, not that it is missing.
    const message = { reason: "FORMAT_OTHER_TYPE", params: { type: row.type } } as const;
    throw new AppError("BAD_REQUEST", message, { format: message });
  }
  return {
    type,
    mapping: JSON.parse(row.mapping) as CustomFormat["mapping"],
    datePattern: row.datePattern,
    amountUnit: row.amountUnit as AmountUnit,
    skipRows: row.skipRows,
  };
}
