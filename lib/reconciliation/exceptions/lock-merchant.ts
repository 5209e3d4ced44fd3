// Serialises the decisions that open or link incidents from exceptions within one merchant: two
// finance users clicking the same exception (or two exceptions of one rrn) at once must not open
// two incidents. PostgreSQL: the merchant's row, FOR NO KEY UPDATE (as the audit chain's claim
// takes it, so the two never deadlock); SQLite: transactions already hold the write lock from
// BEGIN IMMEDIATE (lib/db/client.ts).
import "server-only";
import { databaseProvider, type Tx } from "@/lib/db/client";

export async function lockMerchant(tx: Tx, merchantId: string): Promise<void> {
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT "id" FROM "Merchant" WHERE "id" = ${merchantId} FOR NO KEY UPDATE`;
  }
}
