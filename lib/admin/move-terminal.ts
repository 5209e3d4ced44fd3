// An admin moves a terminal to another of the merchant's stores. Incidents already logged keep
// the store they were logged in; new ones go to the terminal's new store.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { adminTerminalSelect, toAdminTerminal } from "@/lib/admin/terminal-dto";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AdminTerminalDto, MoveTerminalInput } from "@/lib/schemas/admin";

export async function moveTerminal({
  actor,
  terminalId,
  input,
}: {
  actor: Actor;
  terminalId: string;
  input: MoveTerminalInput;
}): Promise<AdminTerminalDto> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const terminal = await tx.terminal.findFirst({
      where: { id: terminalId, merchantId: actor.merchantId },
      select: { id: true, tid: true, storeId: true, store: { select: { name: true } } },
    });
    if (!terminal) throw new AppError("NOT_FOUND", { reason: "TERMINAL_NOT_FOUND" });
    const target = await tx.store.findFirst({
      where: { id: input.storeId, merchantId: actor.merchantId },
      select: { id: true, name: true },
    });
    if (!target)
      throw new AppError("NOT_FOUND", { reason: "STORE_NOT_FOUND" }, { storeId: { reason: "UNKNOWN_STORE" } });
    if (target.id === terminal.storeId) {
      const alreadyThere = {
        reason: "TERMINAL_ALREADY_IN_STORE",
        params: { terminal: terminal.tid, store: target.name },
      } as const;
      throw new AppError("RULE_VIOLATION", alreadyThere, { storeId: alreadyThere });
    }
    const moved = await tx.terminal.update({
      where: { id: terminal.id },
      data: { storeId: target.id },
      select: adminTerminalSelect,
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "terminal.moved",
      before: { terminalId: terminal.id, tid: terminal.tid, storeId: terminal.storeId, storeName: terminal.store.name },
      after: { terminalId: terminal.id, tid: terminal.tid, storeId: target.id, storeName: target.name },
    });
    return toAdminTerminal(moved);
  });
}
