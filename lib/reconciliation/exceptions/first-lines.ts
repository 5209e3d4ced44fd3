// The first few lines of each of a page of exceptions, in one statement (a window per exception,
// so a whole terminal batch of hundreds of lines costs only the few shown).
import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { type ReconLineRow, serializeLine } from "@/lib/reconciliation/exceptions/serialize-line";
import type { ReconLineDto } from "@/lib/schemas/reconciliation";

/** Lines shown with each exception of the list. */
export const LINES_PER_EXCEPTION = 5;

/** The columns every reader of lines selects (the ReconLineRow shape). */
export const LINE_COLUMNS = Prisma.sql`l."id", l."source", l."lineNo", l."storeId", l."tid", l."txAt", l."day",
  l."settleDate", l."cardMasked", l."txType", l."amountMinor", l."currency", l."rrn", l."authCode", l."traceNo",
  l."batchNo", l."memo", l."counterparty", l."category", l."matchedLineId", l."matchRule", l."manual", l."exceptionId"`;

export async function firstLinesOf(
  merchantId: string,
  exceptionIds: string[],
  perException = LINES_PER_EXCEPTION,
): Promise<Map<string, ReconLineDto[]>> {
  const byException = new Map<string, ReconLineDto[]>();
  if (exceptionIds.length === 0) return byException;
  const rows = await prisma.$queryRaw<(ReconLineRow & { position: number | bigint })[]>`
    SELECT * FROM (
      SELECT ${LINE_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY l."exceptionId" ORDER BY l."id") AS "position"
      FROM "ReconLine" l
      WHERE l."exceptionId" IN (${Prisma.join(exceptionIds)}) AND l."merchantId" = ${merchantId}
        AND l."category" <> 'staged'
    ) AS ranked
    WHERE "position" <= ${perException}
    ORDER BY "exceptionId", "id"`;
  for (const row of rows) {
    const exceptionId = row.exceptionId as string;
    const list = byException.get(exceptionId) ?? [];
    list.push(serializeLine(row));
    byException.set(exceptionId, list);
  }
  return byException;
}
