// An admin registers a POS terminal in one of the merchant's stores. The TID is unique within the
// merchant, because incidents are logged by TID and the server finds the store from it.
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { adminTerminalSelect, toAdminTerminal } from "@/lib/admin/terminal-dto";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AddTerminalInput, AdminTerminalDto } from "@/lib/schemas/admin";

export async function addTerminal({
  actor,
  input,
}: {
  actor: Actor;
  input: AddTerminalInput;
}): Promise<AdminTerminalDto> {
  assertAdmin(actor);
  const tid = input.tid.toUpperCase();
  const clash = () =>
    new AppError(
      "CONFLICT",
      { reason: "TERMINAL_ALREADY_REGISTERED", params: { terminal: tid } },
      { tid: { reason: "TERMINAL_ALREADY_REGISTERED", params: { terminal: tid } } },
    );
  try {
    return await prisma.$transaction(async (tx) => {
      const store = await tx.store.findFirst({
        where: { id: input.storeId, merchantId: actor.merchantId },
        select: { id: true, name: true },
      });
      if (!store)
        throw new AppError("NOT_FOUND", { reason: "STORE_NOT_FOUND" }, { storeId: { reason: "UNKNOWN_STORE" } });
      const existing = await tx.terminal.findUnique({
        where: { merchantId_tid: { merchantId: actor.merchantId, tid } },
        select: { id: true },
      });
      if (existing) throw clash();
      const terminal = await tx.terminal.create({
        data: { merchantId: actor.merchantId, storeId: store.id, tid },
        select: adminTerminalSelect,
      });
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        actorId: actor.userId,
        type: "terminal.created",
        after: { terminalId: terminal.id, tid, storeId: store.id, storeName: store.name, active: true },
      });
      return toAdminTerminal(terminal);
    });
  } catch (error) {
    rethrowUniqueClash(error, clash());
  }
}
