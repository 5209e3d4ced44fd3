// The lines of one exception inside a transaction (the evidence an incident is opened from).
import "server-only";
import type { Tx } from "@/lib/db/client";
import { LINE_COLUMNS } from "@/lib/reconciliation/exceptions/first-lines";
import type { ReconLineRow } from "@/lib/reconciliation/exceptions/serialize-line";

/** Evidence read per exception: a whole batch's rrns are looked up, up to this many lines. */
const MAX_EVIDENCE_LINES = 500;

export type EvidenceLine = ReconLineRow & { terminalId: string | null };

export function exceptionLines(tx: Tx, merchantId: string, exceptionId: string): Promise<EvidenceLine[]> {
  return tx.$queryRaw<EvidenceLine[]>`
    SELECT ${LINE_COLUMNS}, l."terminalId" FROM "ReconLine" l
    WHERE l."exceptionId" = ${exceptionId} AND l."merchantId" = ${merchantId} AND l."category" <> 'staged'
    ORDER BY l."id"
    LIMIT ${MAX_EVIDENCE_LINES}`;
}
