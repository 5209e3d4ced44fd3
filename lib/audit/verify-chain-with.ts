// Walks each merchant's audit chain in order and reports the first broken link, through whichever
// Prisma client it is given (the app's own in verify-chain.ts; db:copy passes the copy target's).
// With a checkpoint key (issue 10) it also checks the chain against the merchant's signed
// checkpoints (lib/audit/checkpoint.ts): each must carry the key's signature, the event at its seq
// must have its hash, and the chain must reach the latest one — a chain whose newest events were
// deleted still verifies link by link, but ends before its last checkpoint.
import { checkpointSignatureValid } from "@/lib/audit/checkpoint";
import { eventHash, GENESIS_HASH } from "@/lib/audit/hash";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ChainClient = Pick<PrismaClient, "auditEvent" | "merchant">;
export type CheckpointedChainClient = Pick<PrismaClient, "auditEvent" | "merchant" | "auditCheckpoint">;

export type ChainReport =
  | { merchantId: string; ok: true; events: number }
  | { merchantId: string; ok: false; events: number; brokenAt: { seq: number; eventId: string; reason: string } };

/** What the merchant's checkpoints say about its chain. */
export type CheckpointCheck =
  /** No checkpoint has been signed yet: truncation cannot be told. */
  | { status: "none" }
  /** The chain reaches the latest checkpoint and has its hash there (and at every earlier one). */
  | { status: "ok"; seq: number; hash: string; at: string; signature: string }
  /** A checkpoint whose signature is not this server key's over its content: forged or altered. */
  | { status: "forged"; seq: number; at: string }
  /** The chain ends before a signed checkpoint: its newest events were deleted. */
  | { status: "truncated"; seq: number; at: string; chainEndsAt: number }
  /** The event at a signed checkpoint's seq has another hash: the chain was rewritten from there. */
  | { status: "mismatch"; seq: number; at: string };

/** The chain's first broken link (null: intact) and its checkpoints; `ok` only when both hold. */
export interface CheckpointedChainReport {
  merchantId: string;
  ok: boolean;
  events: number;
  brokenAt: { seq: number; eventId: string; reason: string } | null;
  checkpoint: CheckpointCheck;
}

const PAGE = 5_000;

/** Walks the chain; `onEvent` sees each event whose link checked out. */
async function walkChain(
  client: ChainClient,
  merchantId: string,
  onEvent: (event: { seq: number; hash: string }) => void,
): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const events = await client.auditEvent.findMany({
      where: { merchantId, seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const event of events) {
      const broken = (reason: string): ChainReport => ({
        merchantId,
        ok: false,
        events: checked,
        brokenAt: { seq: event.seq, eventId: event.id, reason },
      });
      if (event.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${event.seq}`);
      if (event.prevHash !== prevHash) return broken("prevHash does not match the previous event's hash");
      const recomputed = eventHash(prevHash, {
        merchantId: event.merchantId,
        seq: event.seq,
        incidentId: event.incidentId,
        actorId: event.actorId,
        type: event.type,
        before: event.before,
        after: event.after,
        createdAt: event.createdAt,
      });
      if (recomputed !== event.hash) return broken("content does not match its hash (edited after it was written)");
      onEvent(event);
      prevHash = event.hash;
      expectedSeq++;
      checked++;
    }
    if (events.length < PAGE) return { merchantId, ok: true, events: checked };
  }
}

export function verifyChainWith(client: ChainClient, { merchantId }: { merchantId: string }): Promise<ChainReport> {
  return walkChain(client, merchantId, () => {});
}

export async function verifyAllChainsWith(client: ChainClient): Promise<ChainReport[]> {
  const merchants = await client.merchant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const reports: ChainReport[] = [];
  for (const merchant of merchants) reports.push(await verifyChainWith(client, { merchantId: merchant.id }));
  return reports;
}

/**
 * The chain and its checkpoints. `ok` only when the chain is intact and no checkpoint is forged,
 * contradicted or past the chain's end. Checkpoints are one per head that moved (at most one per
 * AUDIT_CHECKPOINT_MS, plus one per export), few enough to hold in memory.
 */
export async function verifyChainWithCheckpoints(
  client: CheckpointedChainClient,
  { merchantId, key }: { merchantId: string; key: string | Buffer },
): Promise<CheckpointedChainReport> {
  const checkpoints = await client.auditCheckpoint.findMany({
    where: { merchantId },
    orderBy: { seq: "asc" },
    select: { seq: true, hash: true, at: true, signature: true },
  });
  const bySeq = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  let mismatch: CheckpointCheck | null = null;
  let lastSeq = 0;
  const chain = await walkChain(client, merchantId, (event) => {
    lastSeq = event.seq;
    const checkpoint = bySeq.get(event.seq);
    if (checkpoint && checkpoint.hash !== event.hash && !mismatch) {
      mismatch = { status: "mismatch", seq: checkpoint.seq, at: checkpoint.at.toISOString() };
    }
  });
  const checkpoint = ((): CheckpointCheck => {
    const forged = checkpoints.find(
      (row) => !checkpointSignatureValid(key, { merchantId, seq: row.seq, hash: row.hash, at: row.at }, row.signature),
    );
    if (forged) return { status: "forged", seq: forged.seq, at: forged.at.toISOString() };
    if (mismatch) return mismatch;
    const latest = checkpoints.at(-1);
    if (!latest) return { status: "none" };
    // A chain broken earlier is reported by its first broken link; past it nothing is trusted.
    if (chain.ok && latest.seq > lastSeq) {
      return { status: "truncated", seq: latest.seq, at: latest.at.toISOString(), chainEndsAt: lastSeq };
    }
    // The empty chain's checkpoint (seq 0) vouches for the genesis hash.
    if (latest.seq === 0 && latest.hash !== GENESIS_HASH) {
      return { status: "mismatch", seq: 0, at: latest.at.toISOString() };
    }
    return {
      status: "ok",
      seq: latest.seq,
      hash: latest.hash,
      at: latest.at.toISOString(),
      signature: latest.signature,
    };
  })();
  return {
    merchantId,
    ok: chain.ok && (checkpoint.status === "ok" || checkpoint.status === "none"),
    events: chain.events,
    brokenAt: chain.ok ? null : chain.brokenAt,
    checkpoint,
  };
}

export async function verifyAllChainsWithCheckpoints(
  client: CheckpointedChainClient,
  key: string | Buffer,
): Promise<CheckpointedChainReport[]> {
  const merchants = await client.merchant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const reports: CheckpointedChainReport[] = [];
  for (const merchant of merchants) {
    reports.push(await verifyChainWithCheckpoints(client, { merchantId: merchant.id, key }));
  }
  return reports;
}
