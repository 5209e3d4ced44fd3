// Walks each merchant's audit chain in the app's database and reports the first broken link.
import "server-only";
import { type ChainReport, verifyAllChainsWith, verifyChainWith } from "@/lib/audit/verify-chain-with";
import { prisma } from "@/lib/db/client";

export type { ChainReport };

export function verifyChain({ merchantId }: { merchantId: string }): Promise<ChainReport> {
  return verifyChainWith(prisma, { merchantId });
}

export function verifyAllChains(): Promise<ChainReport[]> {
  return verifyAllChainsWith(prisma);
}
