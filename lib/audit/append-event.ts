// Appends one audit event to the merchant's hash chain, inside the caller's transaction.
import "server-only";
import { canonicalJson, eventHash, GENESIS_HASH } from "@/lib/audit/hash";
import type { Tx } from "@/lib/db/client";
import { lockMerchantChain } from "@/lib/db/dialect";

export interface AppendEventInput {
  merchantId: string;
  incidentId?: string | null;
  actorId?: string | null;
  type: string;
  before?: unknown;
  after?: unknown;
}

export async function appendEvent(tx: Tx, input: AppendEventInput) {
  await lockMerchantChain(tx, input.merchantId);
  const last = await tx.auditEvent.findFirst({
    where: { merchantId: input.merchantId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const content = {
    merchantId: input.merchantId,
    seq: (last?.seq ?? 0) + 1,
    incidentId: input.incidentId ?? null,
    actorId: input.actorId ?? null,
    type: input.type,
    before: input.before === undefined || input.before === null ? null : canonicalJson(input.before),
    after: input.after === undefined || input.after === null ? null : canonicalJson(input.after),
    // Millisecond precision survives every database round trip, so the hash can be recomputed.
    createdAt: new Date(Math.floor(Date.now())),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  // (merchantId, seq) is unique: a concurrent append on the same chain fails instead of forking it.
  return tx.auditEvent.create({ data: { ...content, prevHash, hash: eventHash(prevHash, content) } });
}
