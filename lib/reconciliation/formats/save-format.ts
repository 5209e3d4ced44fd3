// Finance saves a custom import format (a named mapping from a file's headers to the fields, its
// date pattern, amount unit and rows to skip), for every later upload of such files. Names are
// unique within the merchant; the save and its audit event share one transaction.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import type { ReconFormatDto, SaveFormat } from "@/lib/reconciliation/formats/schema";
import { FORMAT_SELECT, serializeFormat } from "@/lib/reconciliation/formats/serialize";

function nameTaken(name: string): AppError {
  const taken = { reason: "FORMAT_NAME_TAKEN", params: { name } } as const;
  return new AppError("CONFLICT", taken, { name: taken });
}

export async function saveFormat({ actor, input }: { actor: Actor; input: SaveFormat }): Promise<ReconFormatDto> {
  assertCanImport(actor);
  try {
    return await prisma.$transaction(async (tx) => {
      const clash = await tx.reconFormat.findUnique({
        where: { merchantId_name: { merchantId: actor.merchantId, name: input.name } },
        select: { id: true },
      });
      if (clash) throw nameTaken(input.name);
      const row = await tx.reconFormat.create({
        data: {
          merchantId: actor.merchantId,
          name: input.name,
          type: input.type,
          mapping: JSON.stringify(input.mapping),
          datePattern: input.datePattern,
          amountUnit: input.amountUnit,
          skipRows: input.skipRows,
          createdById: actor.userId,
        },
        select: FORMAT_SELECT,
      });
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        actorId: actor.userId,
        type: "reconciliation.format_saved",
        after: { formatId: row.id, name: row.name, type: input.type },
      });
      return serializeFormat(row);
    });
  } catch (error) {
    // Two saves of one name at once: the unique index answers for the one that lost.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(input.name);
    throw error;
  }
}
