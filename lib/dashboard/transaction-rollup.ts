// Keeps DashboardTransactionDay true to the POS lines (issue 10): the import job counts the days
// its matching touched again, at the end of its publish transaction, so the summary changes in the
// same commit as the lines' categories.
import "server-only";
import { rebuildTransactionDaysSql } from "@/lib/dashboard/transaction-sql";
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
}
