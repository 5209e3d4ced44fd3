// A store's name is unique within its merchant: checked inside the transaction before the write,
// with the same 409 (via rethrowUniqueClash) when two admins race past the check.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export function storeNameClash(name: string): AppError {
  const taken = { reason: "STORE_NAME_TAKEN", params: { name } } as const;
  return new AppError("CONFLICT", taken, { name: taken });
}

export async function assertStoreNameFree(tx: Tx, merchantId: string, name: string): Promise<void> {
  const existing = await tx.store.findUnique({
    where: { merchantId_name: { merchantId, name } },
    select: { id: true },
  });
  if (existing) throw storeNameClash(name);
}
