// Signs and stores a checkpoint of a merchant's audit chain head (lib/audit/checkpoint.ts): on a
// schedule (the audit.checkpoint job, queued by every instance's worker each AUDIT_CHECKPOINT_MS)
// and with every export. The head is read in one SELECT of the merchant row, where seq and hash
// only ever move together in an append's transaction, so it is always a committed, consistent
// pair. One checkpoint per head: a head already checkpointed is returned as it was signed, and two
// writers racing for the same head store one row (the unique (merchantId, seq) key).
import "server-only";
import { signCheckpoint } from "@/lib/audit/checkpoint";
import { auditCheckpointKey } from "@/lib/audit/checkpoint-key";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export type CheckpointSource = "schedule" | "export";

export interface StoredCheckpoint {
  merchantId: string;
  seq: number;
  hash: string;
  at: Date;
  signature: string;
  source: string;
}

const CHECKPOINT_FIELDS = { merchantId: true, seq: true, hash: true, at: true, signature: true, source: true } as const;

/** The checkpoint of the merchant's current head: the one already stored for it, or a new one. */
export async function writeCheckpoint({
  merchantId,
  source,
  now = new Date(),
}: {
  merchantId: string;
  source: CheckpointSource;
  now?: Date;
}): Promise<StoredCheckpoint> {
  const head = await prisma.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { auditSeq: true, auditHash: true },
  });
  const existing = await prisma.auditCheckpoint.findUnique({
    where: { merchantId_seq: { merchantId, seq: head.auditSeq } },
    select: CHECKPOINT_FIELDS,
  });
  if (existing) return existing;
  // Millisecond precision survives every database round trip, so the signature can be checked again.
  const at = new Date(Math.floor(now.getTime()));
  const content = { merchantId, seq: head.auditSeq, hash: head.auditHash, at };
  const signature = signCheckpoint(auditCheckpointKey(), content);
  try {
    return await prisma.auditCheckpoint.create({ data: { ...content, signature, source }, select: CHECKPOINT_FIELDS });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return prisma.auditCheckpoint.findUniqueOrThrow({
        where: { merchantId_seq: { merchantId, seq: head.auditSeq } },
        select: CHECKPOINT_FIELDS,
      });
    }
    throw error;
  }
}

/** The audit.checkpoint job: a checkpoint of every merchant's head that has moved since its last. */
export async function checkpointAllChains(now = new Date()): Promise<number> {
  const merchants = await prisma.merchant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  let written = 0;
  for (const merchant of merchants) {
    const checkpoint = await writeCheckpoint({ merchantId: merchant.id, source: "schedule", now });
    if (checkpoint.at.getTime() === Math.floor(now.getTime())) written++;
  }
  log.info("audit.checkpoints_written", { merchants: merchants.length, written });
  return written;
}

/** The latest checkpoint of the merchant (highest seq), or null before the first. */
export function latestCheckpoint(merchantId: string): Promise<StoredCheckpoint | null> {
  return prisma.auditCheckpoint.findFirst({
    where: { merchantId },
    orderBy: { seq: "desc" },
    select: CHECKPOINT_FIELDS,
  });
}
