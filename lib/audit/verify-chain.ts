// Walks each merchant's audit chain in the app's database and reports the first broken link; the
// *WithCheckpoints forms also check it against the merchant's signed checkpoints (issue 10).
import "server-only";
import { auditCheckpointKey } from "@/lib/audit/checkpoint-key";
import {
  type ChainReport,
  type CheckpointCheck,
  type CheckpointedChainReport,
  verifyAllChainsWith,
  verifyAllChainsWithCheckpoints,
  verifyChainWith,
  verifyChainWithCheckpoints,
} from "@/lib/audit/verify-chain-with";
import { prisma } from "@/lib/db/client";

export type { ChainReport, CheckpointCheck, CheckpointedChainReport };

export function verifyChain({ merchantId }: { merchantId: string }): Promise<ChainReport> {
  return verifyChainWith(prisma, { merchantId });
}

export function verifyAllChains(): Promise<ChainReport[]> {
  return verifyAllChainsWith(prisma);
}

export function verifyChainAndCheckpoints({ merchantId }: { merchantId: string }): Promise<CheckpointedChainReport> {
  return verifyChainWithCheckpoints(prisma, { merchantId, key: auditCheckpointKey() });
}

export function verifyAllChainsAndCheckpoints(): Promise<CheckpointedChainReport[]> {
  return verifyAllChainsWithCheckpoints(prisma, auditCheckpointKey());
}
