// Finance deletes a saved format of its own merchant (another merchant's id is not found). Imports
// that used it keep their id (ReconImport.formatId is not a foreign key), so their history stays.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import type { ImportType } from "@/lib/reconciliation/types";

export async function deleteFormat({ actor, formatId }: { actor: Actor; formatId: string }): Promise<void> {
  assertCanImport(actor);
  await prisma.$transaction(async (tx) => {
    const format = await tx.reconFormat.findFirst({
      where: { id: formatId, merchantId: actor.merchantId },
      select: { id: true, name: true, type: true },
    });
    if (!format) throw new AppError("NOT_FOUND", { reason: "FORMAT_NOT_FOUND" });
    const { count } = await tx.reconFormat.deleteMany({ where: { id: format.id, merchantId: actor.merchantId } });
    if (count !== 1) throw new AppError("NOT_FOUND", { reason: "FORMAT_NOT_FOUND" });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "reconciliation.format_deleted",
      before: { formatId: format.id, name: format.name, type: format.type as ImportType },
    });
  });
}
