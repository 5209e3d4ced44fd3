// Keeps DashboardTransactionDay true to the POS lines (issue 10): the import job counts again the
// days whose POS lines it added or moved into or out of a counted category (PublishPlan.tallyDays),
// at the end of its publish transaction, so the summary changes in the same commit as the lines'
// categories; a pairing by hand moves one line's category in and out.
import "server-only";
import { rebuildTransactionDaysSql, rebuildTransactionTotalsSql } from "@/lib/dashboard/transaction-sql";
import type { Tx } from "@/lib/db/client";
import type { LineStore } from "@/lib/reconciliation/import/line-store";

const DAYS_PER_STATEMENT = 200;

/** Inside the caller's line-store transaction: the merchant's days counted again from its lines. */
export async function rebuildTransactionDays(
  store: LineStore,
  merchantId: string,
  days: readonly string[],
): Promise<void> {
  const sorted = [...new Set(days)].sort();
  for (let start = 0; start < sorted.length; start += DAYS_PER_STATEMENT) {
    const some = sorted.slice(start, start + DAYS_PER_STATEMENT);
    for (const statement of rebuildTransactionDaysSql(some.length)) await store.run(statement, [merchantId, ...some]);
  }
  if (sorted.length === 0) return;
  const [deleteTotals, insertTotals] = rebuildTransactionTotalsSql(true);
  await store.run(deleteTotals, [merchantId, sorted[0]]);
  await store.run(insertTotals, [merchantId, sorted[0], merchantId, merchantId, merchantId, sorted[0]]);
}

const FLAGGED = { unsigned: "unsigned", duplicates: "duplicate" } as const;

/**
 * Before a person pairs or unpairs a line by hand (lib/reconciliation/exceptions/line-pairing.ts),
 * in the same transaction: a POS line whose category moves in or out of unsigned or duplicate
 * moves its day's sums with it (its line row, its store's hour row and the hour row of all stores). Nothing else a pairing changes is counted.
 */
export async function moveLineCategory(tx: Tx, merchantId: string, lineId: number, category: string): Promise<void> {
  const [line] = await tx.$queryRaw<
    {
      source: string;
      day: string;
      category: string;
      storeId: string | null;
      terminalId: string | null;
      tid: string | null;
      operator: string | null;
      txAt: string | null;
    }[]
  >`SELECT "source", "day", "category", "storeId", "terminalId", "tid", "operator", "txAt"
    FROM "ReconLine" WHERE "id" = ${lineId} AND "merchantId" = ${merchantId}`;
  if (line?.source !== "pos" || line.category === "staged") return;
  const moves = Object.entries(FLAGGED).map(
    ([column, flagged]) => [column, (category === flagged ? 1 : 0) - (line.category === flagged ? 1 : 0)] as const,
  );
  if (moves.every(([, by]) => by === 0)) return;
  const storeId = line.storeId ?? "";
  const hour = line.txAt?.slice(11, 13) ?? "";
  const rows = [
    ["line", storeId, line.terminalId ?? line.tid ?? "", line.operator ?? "", ""],
    ["hour", storeId, "", "", hour],
    ["hour", "*", "", "", hour],
  ];
  const [unsigned, duplicates] = moves.map(([, by]) => by);
  // The running totals of its store, terminal and operator from its day on.
  await tx.$executeRaw`UPDATE "DashboardTransactionDay"
    SET "unsigned" = "unsigned" + ${unsigned}, "duplicates" = "duplicates" + ${duplicates}
    WHERE "merchantId" = ${merchantId} AND "dimension" = 'total' AND "day" >= ${line.day}
      AND "storeId" = ${storeId} AND "terminal" = ${line.terminalId ?? line.tid ?? ""} AND "operator" = ${line.operator ?? ""}`;
  for (const [dimension, rowStore, terminal, operator, rowHour] of rows) {
    await tx.$executeRaw`UPDATE "DashboardTransactionDay"
      SET "unsigned" = "unsigned" + ${unsigned}, "duplicates" = "duplicates" + ${duplicates}
      WHERE "merchantId" = ${merchantId} AND "dimension" = ${dimension} AND "day" = ${line.day}
        AND "storeId" = ${rowStore} AND "terminal" = ${terminal} AND "operator" = ${operator} AND "hour" = ${rowHour}`;
  }
}
