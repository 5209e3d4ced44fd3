// The merchant's threshold (issue 9): a terminal whose software was last updated more than this
// many days ago is flagged. Read by admins; changed by an admin, audited.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { TerminalSoftwarePolicyDto, TerminalSoftwarePolicyInput } from "@/lib/schemas/admin";

export async function getSoftwareThreshold({ actor }: { actor: Actor }): Promise<TerminalSoftwarePolicyDto> {
  assertAdmin(actor);
  const merchant = await prisma.merchant.findUniqueOrThrow({
    where: { id: actor.merchantId },
    select: { terminalSoftwareMaxAgeDays: true },
  });
  return { maxAgeDays: merchant.terminalSoftwareMaxAgeDays };
}

export async function setSoftwareThreshold({
  actor,
  input,
}: {
  actor: Actor;
  input: TerminalSoftwarePolicyInput;
}): Promise<TerminalSoftwarePolicyDto> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    // Read through a write, which locks the row (PostgreSQL): two admins changing the threshold
    // at once take turns, and each event's `before` is the value its change replaced.
    const merchant = await tx.merchant.update({
      where: { id: actor.merchantId },
      data: { updatedAt: new Date() },
      select: { terminalSoftwareMaxAgeDays: true },
    });
    if (merchant.terminalSoftwareMaxAgeDays === input.maxAgeDays) return { maxAgeDays: input.maxAgeDays };
    await tx.merchant.update({
      where: { id: actor.merchantId },
      data: { terminalSoftwareMaxAgeDays: input.maxAgeDays },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "terminal.software_threshold_changed",
      before: { maxAgeDays: merchant.terminalSoftwareMaxAgeDays },
      after: { maxAgeDays: input.maxAgeDays },
    });
    return { maxAgeDays: input.maxAgeDays };
  });
}
