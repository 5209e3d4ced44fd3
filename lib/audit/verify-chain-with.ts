// Walks each merchant's audit chain in order and reports the first broken link, through whichever
// Prisma client it is given (the app's own in verify-chain.ts; db:copy passes the copy target's).
import { eventHash, GENESIS_HASH } from "@/lib/audit/hash";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ChainClient = Pick<PrismaClient, "auditEvent" | "merchant">;

export type ChainReport =
  | { merchantId: string; ok: true; events: number }
  | { merchantId: string; ok: false; events: number; brokenAt: { seq: number; eventId: string; reason: string } };

const PAGE = 5_000;

export async function verifyChainWith(
  client: ChainClient,
  { merchantId }: { merchantId: string },
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
      prevHash = event.hash;
      expectedSeq++;
      checked++;
    }
    if (events.length < PAGE) return { merchantId, ok: true, events: checked };
  }
}

export async function verifyAllChainsWith(client: ChainClient): Promise<ChainReport[]> {
  const merchants = await client.merchant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const reports: ChainReport[] = [];
  for (const merchant of merchants) reports.push(await verifyChainWith(client, { merchantId: merchant.id }));
  return reports;
}
