// An admin takes a terminal out of service (no new incidents can be logged on it) or back in.
// Its past incidents are untouched.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { adminTerminalSelect, toAdminTerminal } from "@/lib/admin/terminal-dto";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AdminTerminalDto } from "@/lib/schemas/admin";

export async function setTerminalActive({
  actor,
  terminalId,
  active,
}: {
  actor: Actor;
  terminalId: string;
  active: boolean;
}): Promise<AdminTerminalDto> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const terminal = await tx.terminal.findFirst({
      where: { id: terminalId, merchantId: actor.merchantId },
      select: adminTerminalSelect,
    });
    if (!terminal) throw new AppError("NOT_FOUND", { reason: "TERMINAL_NOT_FOUND" });
    // Already in the asked-for state: nothing changes, so nothing is recorded.
    if (terminal.active === active) return toAdminTerminal(terminal);
    const updated = await tx.terminal.update({
      where: { id: terminal.id },
      data: { active },
      select: adminTerminalSelect,
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: active ? "terminal.reactivated" : "terminal.deactivated",
      before: { terminalId: terminal.id, tid: terminal.tid, active: terminal.active },
      after: { terminalId: terminal.id, tid: terminal.tid, active },
    });
    return toAdminTerminal(updated);
  });
}
