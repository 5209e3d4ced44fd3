// What the /audit page shows of the audit trail (issue 10): the latest signed checkpoint and a
// quick check of it — its signature is this server's and the chain still holds the event it
// signed, with that hash (two reads, whatever the chain's length) — and, when asked, the full
// verification of the chain against its checkpoints (a walk of every event: seconds at millions).
import "server-only";
import { checkpointSignatureValid } from "@/lib/audit/checkpoint";
import { auditCheckpointKey } from "@/lib/audit/checkpoint-key";
import { type CheckpointedChainReport, verifyChainAndCheckpoints } from "@/lib/audit/verify-chain";
import { latestCheckpoint, type StoredCheckpoint } from "@/lib/audit/write-checkpoint";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export type QuickCheck = "none" | "ok" | "forged" | "truncated" | "mismatch";

export interface AuditStatus {
  checkpoint: StoredCheckpoint | null;
  quick: QuickCheck;
  /** The whole chain's verification, when asked for. */
  full: CheckpointedChainReport | null;
}

export async function readAuditStatus({ actor, full }: { actor: Actor; full: boolean }): Promise<AuditStatus> {
  if (!can(actor.role, "audit.export")) throw new AppError("FORBIDDEN", { reason: "AUDIT_EXPORT_NOT_ALLOWED" });
  const checkpoint = await latestCheckpoint(actor.merchantId);
  const quick = await (async (): Promise<QuickCheck> => {
    if (!checkpoint) return "none";
    if (!checkpointSignatureValid(auditCheckpointKey(), checkpoint, checkpoint.signature)) return "forged";
    if (checkpoint.seq === 0) return "ok";
    const event = await prisma.auditEvent.findUnique({
      where: { merchantId_seq: { merchantId: actor.merchantId, seq: checkpoint.seq } },
      select: { hash: true },
    });
    if (!event) return "truncated";
    return event.hash === checkpoint.hash ? "ok" : "mismatch";
  })();
  return {
    checkpoint,
    quick,
    full: full ? await verifyChainAndCheckpoints({ merchantId: actor.merchantId }) : null,
  };
}
