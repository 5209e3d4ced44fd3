// An admin records a terminal's model, software version, the day its software was last updated
// and the provider's support contact (issue 9). A field left out stays as it is; null clears it.
// Free text arrives card-number masked (lib/schemas/admin.ts). Audited as terminal.details_changed.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { adminTerminalSelect, toAdminTerminal } from "@/lib/admin/terminal-dto";
import { dayOfStored } from "@/lib/admin/terminal-software";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AdminTerminalDto, TerminalDetailsInput } from "@/lib/schemas/admin";

export async function changeTerminalDetails({
  actor,
  terminalId,
  input,
}: {
  actor: Actor;
  terminalId: string;
  input: TerminalDetailsInput;
}): Promise<AdminTerminalDto> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    // Lock the row before reading it (a write does, on PostgreSQL): two admins changing different
    // fields at once take turns, so neither change is lost and each event's `before` is what it
    // replaced.
    const locked = await tx.terminal.updateMany({
      where: { id: terminalId, merchantId: actor.merchantId },
      data: { updatedAt: new Date() },
    });
    if (locked.count === 0) throw new AppError("NOT_FOUND", { reason: "TERMINAL_NOT_FOUND" });
    const terminal = await tx.terminal.findFirst({
      where: { id: terminalId, merchantId: actor.merchantId },
      select: adminTerminalSelect,
    });
    if (!terminal) throw new AppError("NOT_FOUND", { reason: "TERMINAL_NOT_FOUND" });
    const before = {
      terminalId: terminal.id,
      tid: terminal.tid,
      model: terminal.model,
      softwareVersion: terminal.softwareVersion,
      softwareUpdatedAt: terminal.softwareUpdatedAt ? dayOfStored(terminal.softwareUpdatedAt) : null,
      supportContact: terminal.supportContact,
    };
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
    } as typeof before;
    // Nothing differs: nothing changes, so nothing is recorded.
    if (JSON.stringify(after) === JSON.stringify(before)) return toAdminTerminal(terminal);
    const updated = await tx.terminal.update({
      where: { id: terminal.id },
      data: {
        model: after.model,
        softwareVersion: after.softwareVersion,
        softwareUpdatedAt: after.softwareUpdatedAt ? new Date(`${after.softwareUpdatedAt}T00:00:00Z`) : null,
        supportContact: after.supportContact,
      },
      select: adminTerminalSelect,
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "terminal.details_changed",
      before,
      after,
    });
    return toAdminTerminal(updated);
  });
}
